import TaxaBase
import TaxaEngine

/// Loading as every command and the service load: the root read (`TariffLoader.read`), then
/// the published examples priced by the set read, through the same path as the service, so a
/// tariff that contradicts its own examples is not priced with. Here rather than in the loader
/// because pricing a request line is this layer's job.
extension TariffLoader {
    package static func load(root: String) -> LoadReport {
        ExampleCheck.checked(read(root: root))
    }

    /// `afterReading` runs once per attempt after every file was read (tests edit files there).
    package static func load(root: String, attempts: Int, afterReading: ((Int) -> Void)? = nil) -> LoadReport {
        ExampleCheck.checked(read(root: root, attempts: attempts, afterReading: afterReading))
    }
}
