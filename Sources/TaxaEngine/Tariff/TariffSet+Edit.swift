import TaxaBase

extension TariffSet {
    /// The set as it would load with the file `relative` holding `bytes` and every other file
    /// as it was read: what an edit does to the whole set, judged before it is written (`taxa
    /// index add`). Nil for a set not read from files. The published examples are priced above
    /// this layer (`ExampleCheck`, TaxaForms).
    package func reading(_ relative: String, as bytes: [UInt8]) -> LoadReport? {
        guard let sources, sources.bytes[relative] != nil else { return nil }
        var saved = sources.bytes
        saved[relative] = bytes
        return TariffLoader.read(root: root, scan: sources.scan, saved: saved)
    }
}
