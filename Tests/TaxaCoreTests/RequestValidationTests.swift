import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Every schema violation is an error record with a code, a path and a message.
@Suite struct RequestValidationTests {
    static let entry = "{\"date\":\"2024-03-05\",\"activity\":\"tillsyn\",\"minutes\":10}"

    static func error(_ line: String) -> (id: Any?, code: String?, path: String?, message: String?) {
        let result = TestSupport.json(TestSupport.answer(line, number: 7))
        #expect(result["ok"] as? Bool == false)
        #expect(result["line"] as? Int == 7)
        let error = result["error"] as? [String: Any]
        return (result["id"], error?["code"] as? String, error?["path"] as? String, error?["message"] as? String)
    }

    @Test(arguments: [
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)],\"extra\":1}", "invalid_request", "extra"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/laff\"}", "invalid_request", "entries"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[]}", "invalid_request", "entries"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":{}}", "invalid_request", "entries"),
        ("{\"id\":\"\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)]}", "invalid_request", "id"),
        ("{\"id\":5,\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)]}", "invalid_request", "id"),
        ("{\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)]}", "invalid_request", "id"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/nope\",\"entries\":[\(entry)]}", "unknown_tariff", "tariff"),
        ("{\"id\":\"x\",\"tariff\":\"../../etc/passwd\",\"entries\":[\(entry)]}", "unknown_tariff", "tariff"),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry),{\"date\":\"2024-03-05\",\"activity\":\"bygglov\",\"minutes\":1}]}",
            "unknown_activity", "entries[1].activity"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[{\"date\":\"2024-02-30\",\"activity\":\"tillsyn\",\"minutes\":1}]}", "invalid_request",
            "entries[0].date"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[{\"date\":\"2024-2-1\",\"activity\":\"tillsyn\",\"minutes\":1}]}", "invalid_request",
            "entries[0].date"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[{\"date\":\"+2024-02-01\",\"activity\":\"tillsyn\",\"minutes\":1}]}", "invalid_request",
            "entries[0].date"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[{\"date\":\"2024-03-05\",\"activity\":\"tillsyn\",\"minutes\":-1}]}", "invalid_request",
            "entries[0].minutes"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[{\"date\":\"2024-03-05\",\"activity\":\"tillsyn\",\"minutes\":1000001}]}",
            "invalid_request", "entries[0].minutes"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[{\"date\":\"2024-03-05\",\"activity\":\"tillsyn\",\"minutes\":15.0}]}", "invalid_request",
            "entries[0].minutes"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[{\"date\":\"2024-03-05\",\"activity\":\"tillsyn\",\"minutes\":\"15\"}]}",
            "invalid_request", "entries[0].minutes"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[{\"date\":\"2024-03-05\",\"activity\":\"tillsyn\",\"minutes\":1,\"hours\":2}]}",
            "invalid_request", "entries[0].hours"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)],\"adjustment\":{\"kind\":\"reduction\",\"percent\":\"0\",\"reference\":\"R\"}}",
            "invalid_request", "adjustment.percent"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)],\"adjustment\":{\"kind\":\"reduction\",\"percent\":\"100.0001\",\"reference\":\"R\"}}",
            "invalid_request", "adjustment.percent"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)],\"adjustment\":{\"kind\":\"reduction\",\"percent\":\"1.23456\",\"reference\":\"R\"}}",
            "invalid_request", "adjustment.percent"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)],\"adjustment\":{\"kind\":\"reduction\",\"percent\":50,\"reference\":\"R\"}}",
            "invalid_request", "adjustment.percent"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)],\"adjustment\":{\"kind\":\"reduction\",\"percent\":\"50\"}}", "invalid_request",
            "adjustment.reference"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)],\"adjustment\":{\"kind\":\"waiver\",\"reference\":\"R\",\"percent\":\"5\"}}",
            "invalid_request", "adjustment.percent"
        ),
        (
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)],\"adjustment\":{\"kind\":\"discount\",\"reference\":\"R\"}}", "invalid_request",
            "adjustment.kind"
        ),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)],\"as_of\":\"2024-13-01\"}", "invalid_request", "as_of"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(entry)],\"explain\":\"yes\"}", "invalid_request", "explain"),
    ])
    func rejected(line: String, code: String, path: String) {
        let error = Self.error(line)
        #expect(error.code == code)
        #expect(error.path == path)
        #expect(error.message?.isEmpty == false)
    }

    @Test func errorsEchoAValidIdAndNullOtherwise() {
        #expect(Self.error("{\"id\":\"abc\",\"tariff\":\"x\",\"entries\":[]}").id as? String == "abc")
        #expect(Self.error("{\"id\":\"\(String(repeating: "a", count: 201))\",\"tariff\":\"x\"}").id is NSNull)
        #expect(Self.error("not json").id is NSNull)
    }

    @Test func messagesSayWhatWasExpected() {
        let error = Self.error(
            "{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[{\"date\":\"2024-03-05\",\"activity\":\"tillsyn\",\"minutes\":1000001}]}")
        #expect(error.message == "expected an integer from 0 to 1000000, got 1000001")
        let unknown = Self.error("{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[{\"date\":\"2024-03-05\",\"activity\":\"bygglov\",\"minutes\":1}]}")
        #expect(unknown.message?.contains("expected one of: avfallshanteringsplan, tillsyn, overklagande") == true)
    }

    @Test func invalidJSONAndNonObjects() {
        #expect(Self.error("{\"id\":").code == "invalid_json")
        #expect(Self.error("{\"id\":\"a\",\"id\":\"b\"}").code == "invalid_json")
        let array = Self.error("[1,2]")
        #expect(array.code == "invalid_request")
        #expect(array.path == "")
        #expect(Self.error("\"text\"").code == "invalid_request")
    }

    @Test func entryLimits() {
        let many = Array(repeating: Self.entry, count: 10_000).joined(separator: ",")
        let ok = TestSupport.json(TestSupport.answer("{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(many)]}"))
        #expect(ok["total"] as? String == "2001766.75")  // 100 000 min → 6 667 quarters = 100 005 min
        let tooMany = Self.error("{\"id\":\"x\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(many),\(Self.entry)]}")
        #expect(tooMany.path == "entries")
    }
}
