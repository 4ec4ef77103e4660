import Dispatch
import Testing

@testable import TaxaBase

/// A request's tree is built in the thread's parse arena and released whole when its answer is
/// written (`JSONDocument.withTransient`): what is read from it must be exactly what was sent,
/// whatever the arena had to do to hold it, and the arena must be empty and usable afterwards.
@Suite struct TransientDocumentTests {
    /// The text of `member` in the transient tree of `json`, or the parse error's message.
    static func read(_ json: String, _ member: String) -> String {
        let result = Array(json.utf8).withUnsafeBytes { bytes in
            JSONDocument.withTransient(bytes) { root in root.member(member)?.string ?? "no \(member)" }
        }
        switch result {
        case .success(let text): return text
        case .failure(let error): return "refused at column \(error.column): \(error.message)"
        }
    }

    @Test func aValueLargerThanTheFirstChunkIsReadWhole() {
        // The arena's first chunk is 64 KiB: this value needs a chunk of its own, and the values
        // after it one more.
        let long = String(repeating: "0123456789abcdef", count: 5_000)
        let json = #"{"a":"\#(long)","b":"\#(long)x","c":"kort"}"#
        #expect(Self.read(json, "a") == long)
        #expect(Self.read(json, "b") == long + "x")
        #expect(Self.read(json, "c") == "kort")
        // Emptied whole: the next small request is read from the first chunk again.
        #expect(Self.read(#"{"id":"oxl-2024-0000001"}"#, "id") == "oxl-2024-0000001")
    }

    @Test func aRefusedTextLeavesTheArenaUsable() {
        let long = String(repeating: "x", count: 70_000)
        #expect(Self.read(#"{"a":"\#(long)", "a":1}"#, "a").hasPrefix("refused at column"))
        #expect(Self.read(#"{"a":"ok",}"#, "a").hasPrefix("refused at column 11:"))
        #expect(Self.read(#"{"a":"efter"}"#, "a") == "efter")
    }

    @Test func aTreeParsedWhileOneIsAliveIsItsOwn() throws {
        // The second tree cannot share the arena the first one lives in: it is jansson's own,
        // and each reads back as sent after the other is gone.
        let outer = Array(#"{"a":"yttre"}"#.utf8)
        let inner = Array(#"{"a":"inre"}"#.utf8)
        let result = outer.withUnsafeBytes { outerBytes in
            JSONDocument.withTransient(outerBytes) { outerRoot in
                let innerText = inner.withUnsafeBytes { innerBytes in
                    JSONDocument.withTransient(innerBytes) { $0.member("a")?.string }
                }
                return [outerRoot.member("a")?.string, try? innerText.get()]
            }
        }
        #expect(try result.get() == ["yttre", "inre"])
        #expect(Self.read(#"{"a":"sedan"}"#, "a") == "sedan")
    }

    @Test func eachThreadHasItsOwnArena() {
        // Two threads parse 2 000 requests each at once: none reads another's values.
        // Each thread counts into its own slot only.
        let failures = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2)
        failures.initialize(repeating: 0)
        defer { failures.deallocate() }
        nonisolated(unsafe) let slots = failures
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            for n in 0..<2_000 {
                let id = "t\(thread)-\(n)-" + String(repeating: "y", count: n % 40)
                if Self.read(#"{"id":"\#(id)","pad":"\#(String(repeating: "z", count: n % 300))"}"#, "id") != id {
                    slots[thread] += 1
                }
            }
        }
        #expect(Array(failures) == [0, 0])
    }
}
