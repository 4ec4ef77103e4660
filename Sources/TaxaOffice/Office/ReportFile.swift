import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// A report the office asked for in a file (`taxa impact --summary`), written atomically: a
/// reader sees the old file or the whole new one, never half of it.
package enum ReportFile {
    package struct Failure: Error, Sendable {
        package var message: String
    }

    package static func write(_ text: String, to path: String) throws(Failure) {
        do { try FileSystem.writeAtomically(Array(text.utf8), to: path) } catch { throw Failure(message: error.message) }
    }
}
