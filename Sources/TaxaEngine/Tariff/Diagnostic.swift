import TaxaBase

/// A problem found in a tariff or index file, printed as `FILE: JSON.PATH: message` so the
/// office can find the field it must edit.
package struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    package enum Severity: String, Sendable { case error, warning }

    package var severity: Severity
    package var file: String
    package var path: JSONPath
    package var message: String

    package init(_ severity: Severity, file: String, path: JSONPath = .root, message: String) {
        self.severity = severity
        self.file = file
        self.path = path
        self.message = message
    }

    package var description: String {
        let location = path.components.isEmpty ? file : "\(file): \(path)"
        return severity == .warning ? "\(location): warning: \(message)" : "\(location): \(message)"
    }

    /// How commands print it for the tariff root `root`: a file under the root as `root/file`,
    /// a problem of the root itself (whose `file` is the root) naming the root once.
    package func located(under root: String) -> String {
        file == root ? description : "\(root)/\(description)"
    }
}

/// Collects every problem in one file while parsing goes on, so `taxa check` can list them
/// all instead of stopping at the first.
package final class ProblemLog {
    let file: String
    package private(set) var diagnostics: [Diagnostic] = []

    package init(file: String) { self.file = file }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    func error(_ message: String, at path: JSONPath = .root) {
        diagnostics.append(Diagnostic(.error, file: file, path: path, message: message))
    }

    func warning(_ message: String, at path: JSONPath = .root) {
        diagnostics.append(Diagnostic(.warning, file: file, path: path, message: message))
    }

    /// Runs one field's check; a failure is recorded and parsing continues with nil.
    func attempt<T>(_ body: () throws(FieldError) -> T) -> T? {
        do { return try body() } catch {
            self.error(error.message, at: error.path)
            return nil
        }
    }

    /// Records every key of `fields` that is not in `allowed`.
    func rejectUnknownKeys(_ fields: ObjectFields, allowed: [String], at path: JSONPath = .root) {
        for key in fields.unknownKeys(allowed) {
            error(
                "unknown key \"\(key)\"; expected only: \(allowed.joined(separator: ", "))",
                at: path.appending(key))
        }
    }
}
