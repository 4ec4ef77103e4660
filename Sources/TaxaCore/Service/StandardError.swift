#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// stderr as a `TextOutputStream`, for messages that must not mix with results on stdout.
public struct StandardError: TextOutputStream {
    public init() {}
    public mutating func write(_ string: String) {
        var text = string
        text.withUTF8 { bytes in _ = Glibc.write(2, bytes.baseAddress, bytes.count) }
    }
}
