// libFuzzer target for taxa: raw bytes → the service's line splitting → RequestProcessor →
// result lines, exactly as `taxa run` does it, against the root fuzz/run builds from the shipped
// Tariffs/, Fixtures/reference-tariffs/ and Fixtures/vocabulary-tariffs/ (loaded once).
//
// Compiled by `fuzz/run` together with the library layers (Sources/TaxaBase … Sources/TaxaOffice)
// into one module (-module-name TaxaCore),
// so it is never part of the SwiftPM build. Every check that fails calls `fatalError`, which
// libFuzzer reports as a crash and saves the input under .build-fuzz/crashes/.
//
// The checks, for every input:
// - one answer per non-blank line, in order, each carrying that line's number when it is an
//   error (blank lines, a BOM on line 1 and a CR before the newline follow LineReader's rules);
// - a line over the limit gets `line_too_long`, every other line is priced or refused;
// - each answer is one line ending in "\n" that parses back (jansson, via JSONDocument) as an
//   object in the contract's shape: `ok`, and either a result whose amounts are money strings
//   (hourly: subtotal = Σ lines, total = subtotal + adjustment ≥ 0; percentage; per capita),
//   or an error with its line number, a known code, a path and a message, `errors` (1–20, the
//   first of them `error`), and `input_sha256`:
//   the digest of the line as received less its LF or CR LF (null only for a too-long line);
// - answering the same line twice gives the same bytes.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The line limit used while fuzzing: small, so that inputs of a few KiB reach the too-long
/// path and the reader's refills (the service uses 1 MiB; the logic is the same).
private let fuzzLineLimit = 1024

private struct FuzzState: @unchecked Sendable {
    let processor: RequestProcessor
    let fd: Int32
}

private let state: FuzzState = {
    let root = getenv("TAXA_FUZZ_TARIFFS").map { String(cString: $0) } ?? "Tariffs"
    let report = TariffLoader.load(root: root)
    guard let tariffs = report.tariffSet else {
        fatalError("fuzz: the tariff root \(root) does not load: \(report.errors)")
    }
    // One scratch file, rewritten for every input: LineReader reads it like stdin.
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((directory + "/taxa-fuzz-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { fatalError("fuzz: cannot create a scratch file in \(directory): \(String(cString: strerror(errno)))") }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    return FuzzState(processor: RequestProcessor(tariffs: tariffs), fd: fd)
}()

private let knownCodes = Set(ErrorCode.allCases.map(\.rawValue))

/// What the service must answer for `data`, derived independently of LineReader.
private func expectedAnswers(_ data: UnsafeBufferPointer<UInt8>) -> [(number: Int, tooLong: Bool, digest: String?)] {
    var answers: [(Int, Bool, String?)] = []
    var number = 0
    var start = 0
    while start < data.count {
        var end = start
        while end < data.count && data[end] != 0x0A { end += 1 }
        number += 1
        var first = start
        var last = end
        if number == 1, last - first >= 3, data[first] == 0xEF, data[first + 1] == 0xBB, data[first + 2] == 0xBF {
            first += 3
        }
        if last > first, data[last - 1] == 0x0D { last -= 1 }
        if last - first > fuzzLineLimit {
            answers.append((number, true, nil))
        } else if (first..<last).contains(where: { data[$0] != 0x20 && data[$0] != 0x09 && data[$0] != 0x0D }) {
            answers.append((number, false, SHA256.hex(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: data[start..<last])))))
        }
        start = end + 1
    }
    return answers
}

private func fail(_ message: String, _ answer: [UInt8]) -> Never {
    fatalError("fuzz: \(message)\nanswer: \(String(decoding: answer, as: UTF8.self))")
}

private func money(_ value: JSONValue?, _ what: String, _ answer: [UInt8]) -> Money {
    guard let text = value?.string, let amount = Money.parse(text), amount.description == text else {
        fail("\(what) is not a money string with two decimals", answer)
    }
    return amount
}

/// Checks one answer line against the contract.
private func check(_ answer: [UInt8], number: Int, tooLong: Bool, digest: String?) {
    guard answer.last == 0x0A, answer.firstIndex(of: 0x0A) == answer.count - 1 else {
        fail("an answer is not exactly one line", answer)
    }
    let parsed = answer.dropLast().withUnsafeBytes { JSONDocument.parse($0) }
    guard case .success(let document) = parsed else { fail("an answer does not parse as JSON", answer) }
    document.withValue { root in check(root, answer, number: number, tooLong: tooLong, digest: digest) }
}

/// Checks one parsed answer line (`answer`'s JSON, `root`) against the contract.
private func check(_ root: JSONValue, _ answer: [UInt8], number: Int, tooLong: Bool, digest: String?) {
    guard root.kind == .object, let ok = root.member("ok")?.bool else { fail("an answer has no \"ok\"", answer) }
    if ok {
        guard !tooLong else { fail("a line over the limit was priced", answer) }
        guard root.member("id")?.string != nil else { fail("a result has no id", answer) }
        switch root.member("kind")?.string {
        case nil:  // hourly: lines, subtotal, adjustment, total
            guard let lines = root.member("lines"), lines.kind == .array else { fail("an hourly result has no lines", answer) }
            var sum = Money.zero
            for line in lines.elements {
                guard let next = try? sum.adding(money(line.member("amount"), "a line amount", answer)) else {
                    fail("the line amounts overflow", answer)
                }
                sum = next
            }
            let subtotal = money(root.member("subtotal"), "subtotal", answer)
            guard subtotal == sum else { fail("subtotal is not the sum of the lines", answer) }
            let adjustment = root.member("adjustment").map { money($0.member("amount"), "the adjustment", answer) } ?? .zero
            let total = money(root.member("total"), "total", answer)
            guard (try? subtotal.adding(adjustment)) == total, total.ore >= 0 else {
                fail("total is not subtotal + adjustment, or negative", answer)
            }
        case "percentage":
            let cost = money(root.member("salary_cost"), "salary_cost", answer)
            let surcharge = money(root.member("surcharge"), "surcharge", answer)
            guard surcharge.ore >= 0, cost.ore >= 0 else { fail("a negative salary cost or surcharge", answer) }
        case "per_capita":
            _ = money(root.member("total"), "total", answer)
            guard let months = root.member("months"), months.kind == .array, months.count > 0 else {
                fail("a per-capita result has no months", answer)
            }
            for month in months.elements { _ = money(month.member("total"), "a month's total", answer) }
        case "fees":  // fee and cap lines, subtotal, adjustment, VAT, total
            guard let lines = root.member("lines"), lines.kind == .array, lines.count > 0 else {
                fail("a fees result has no lines", answer)
            }
            var sum = Money.zero
            for line in lines.elements {
                let amount = money(line.member("amount"), "a line amount", answer)
                guard line.member("kind")?.string == "cap" || amount.ore >= 0 else { fail("a negative fee line", answer) }
                guard let next = try? sum.adding(amount) else { fail("the line amounts overflow", answer) }
                sum = next
            }
            let subtotal = money(root.member("subtotal"), "subtotal", answer)
            guard subtotal == sum else { fail("subtotal is not the sum of the lines", answer) }
            let adjustment = root.member("adjustment").map { money($0.member("amount"), "the adjustment", answer) } ?? .zero
            var expected = try? subtotal.adding(adjustment)
            if let vat = root.member("vat") {
                // One rate: an object; several: one entry per rate.
                for entry in vat.kind == .array ? vat.elements : [vat] {
                    let amount = money(entry.member("amount"), "the VAT", answer)
                    if entry.member("included")?.bool == false { expected = try? expected?.adding(amount) }
                }
            }
            if let rounding = root.member("rounding") {
                guard money(rounding.member("unrounded"), "the total before rounding", answer) == expected else {
                    fail("the rounding does not start from subtotal + adjustment (+ VAT added)", answer)
                }
                expected = try? expected?.adding(money(rounding.member("amount"), "the rounding", answer))
            }
            let total = money(root.member("total"), "total", answer)
            guard expected == total, total.ore >= 0 else { fail("total is not subtotal + adjustment (+ VAT added) (+ rounding), or negative", answer) }
        case let other?:
            fail("an unknown result kind \(other)", answer)
        }
    } else {
        guard root.member("line")?.integer == Int64(number) else { fail("an error names the wrong line (expected \(number))", answer) }
        guard let error = root.member("error"), let code = error.member("code")?.string, knownCodes.contains(code),
            error.member("path")?.string != nil, let message = error.member("message")?.string, !message.isEmpty
        else {
            fail("an error lacks a known code, a path or a message", answer)
        }
        guard (code == ErrorCode.lineTooLong.rawValue) == tooLong else { fail("line_too_long on the wrong line", answer) }
        // `errors`: 1–20 errors in line order, the first of them `error`.
        guard let errors = root.member("errors"), errors.kind == .array, (1...20).contains(errors.count),
            let first = errors.element(0), first.member("code")?.string == code, first.member("path")?.string == error.member("path")?.string,
            first.member("message")?.string == message,
            errors.elements.allSatisfy({ knownCodes.contains($0.member("code")?.string ?? "") && $0.member("path")?.string != nil })
        else {
            fail("errors is not a list of 1–20 errors starting with error", answer)
        }
        let inputDigest = root.member("input_sha256")
        guard inputDigest?.string == digest, digest != nil || inputDigest?.kind == .null else {
            fail("input_sha256 is not the digest of the line as received (expected \(digest ?? "null"))", answer)
        }
        if let id = root.member("id"), id.kind != .null, id.string == nil { fail("an error's id is neither null nor a string", answer) }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func taxaFuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let data = UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : size)
    let fd = state.fd
    guard ftruncate(fd, 0) == 0, pwrite(fd, data.baseAddress, data.count, 0) == data.count, lseek(fd, 0, SEEK_SET) == 0 else {
        fatalError("fuzz: cannot stage the input: \(String(cString: strerror(errno)))")
    }
    let expected = expectedAnswers(data)
    var seen = 0
    let processor = state.processor
    let reader = LineReader(fd: fd, limit: fuzzLineLimit, chunk: 4096)
    var writer = JSONWriter()
    reader.forEach(beforeBlockingRead: { true }) { line in
        var answer: [UInt8] = []
        let number: Int
        switch line {
        case .text(let text, let n, let raw):
            number = n
            processor.process(text, line: n, raw: raw, into: &writer)
            writer.flushLine(into: &answer)
            // Determinism: the same line again must give the same bytes.
            var again: [UInt8] = []
            processor.process(text, line: n, raw: raw, into: &writer)
            writer.flushLine(into: &again)
            if again != answer { fail("the same line gave different answers", answer + again) }
        case .tooLong(let n):
            number = n
            processor.tooLong(line: n, limit: fuzzLineLimit, into: &writer)
            writer.flushLine(into: &answer)
        }
        guard seen < expected.count else { fail("more answers than non-blank lines (\(expected.count))", answer) }
        guard expected[seen].number == number else {
            fail("answer \(seen + 1) is for line \(number), expected line \(expected[seen].number)", answer)
        }
        check(answer, number: number, tooLong: expected[seen].tooLong, digest: expected[seen].digest)
        seen += 1
        return true
    }
    guard seen == expected.count else { fatalError("fuzz: \(seen) answers for \(expected.count) non-blank lines") }
    return 0
}
