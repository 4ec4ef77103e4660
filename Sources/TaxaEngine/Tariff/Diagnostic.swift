/// A problem found in a tariff or index file, printed as `FILE: JSON.PATH: message` so the
/// office can find the field it must edit.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var file: String
    public var path: JSONPath
    public var message: String

    public init(_ severity: Severity, file: String, path: JSONPath = .root, message: String) {
        self.severity = severity
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String {
        let location = path.components.isEmpty ? file : "\(file): \(path)"
        return severity == .warning ? "\(location): warning: \(message)" : "\(location): \(message)"
    }

    /// How commands print it for the tariff root `root`: a file under the root as `root/file`,
    /// a problem of the root itself (whose `file` is the root) naming the root once.
    public func located(under root: String) -> String {
        file == root ? description : "\(root)/\(description)"
    }
}

/// Collects every problem in one file while parsing goes on, so `taxa check` can list them
/// all instead of stopping at the first.
final class ProblemLog {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

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
