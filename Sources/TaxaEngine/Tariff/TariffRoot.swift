import TaxaBase

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which tariff root a command uses: `--tariffs DIR`, else `$TAXA_TARIFFS`, else `./Tariffs`.
package enum TariffRoot {
    package static func resolve(_ option: String?) -> String {
        if let option { return option }
        if let env = getenv("TAXA_TARIFFS"), env.pointee != 0 { return String(cString: env) }
        return "Tariffs"
    }
}
