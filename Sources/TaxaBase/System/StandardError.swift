#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// stderr as a `TextOutputStream`, for messages that must not mix with results on stdout.
/// A failed write to stderr is ignored: there is nowhere left to report it, and the exit
/// status already says what went wrong.
package struct StandardError: TextOutputStream {
    package init() {}
    package mutating func write(_ string: String) {
        try? SystemCall.writeAll(2, string)
    }
}
