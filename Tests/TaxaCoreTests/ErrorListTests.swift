import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// `errors`: every error of a refused request (up to 20), in the order of the request's text,
/// with `error` the first of them.
@Suite struct ErrorListTests {
    static let reference: TariffSet = BillingTests.reference

    /// `code path` of each error, and of `error`.
    static func errors(_ line: String, tariffs: TariffSet = reference) -> (first: String, all: [String]) {
        let record = TestSupport.json(TestSupport.answer(line, tariffs: tariffs))
        let error = record["error"] as? [String: Any] ?? [:]
        let all = (record["errors"] as? [[String: Any]] ?? []).map { "\($0["code"] as? String ?? "?") \($0["path"] as? String ?? "?")" }
        return ("\(error["code"] as? String ?? "?") \(error["path"] as? String ?? "?")", all)
    }

    /// Three bad items: all three, in line order.
    @Test func threeBadItemsInLineOrder() {
        let line =
            #"{"id":"x","tariff":"mark/alkohol","items":[{"fee":"tillsyn_rorlig","date":"2022-05-01","inputs":{"omsattning":"12,5"}},"#
            + #"{"fee":"tillsyn_fast","date":"2022-02-30"},{"fee":"tillsyn","date":"2022-05-01"}]}"#
        let found = Self.errors(line)
        #expect(found.all == ["invalid_request items[0].inputs.omsattning", "invalid_request items[1].date", "unknown_fee items[2].fee"])
        #expect(found.first == found.all[0])
    }

    /// Before: `items[1].date` was reported while `items[0].inputs.omsattning` was bad too (dates
    /// are read with the request, inputs when the item is priced). Now the first in line order.
    @Test func theFirstErrorIsTheFirstInLineOrder() {
        let line =
            #"{"id":"x","tariff":"mark/alkohol","items":[{"fee":"tillsyn_rorlig","date":"2022-05-01","inputs":{"omsattning":"-1"}},{"fee":"tillsyn_fast","date":"2022-13-01"}]}"#
        let record = TestSupport.json(TestSupport.answer(line, tariffs: Self.reference))
        #expect(
            (record["error"] as? [String: String])
                == ["code": "invalid_request", "path": "items[0].inputs.omsattning", "message": "expected a decimal from 0 to 100000000000, got \"-1\""])
        #expect(
            (record["errors"] as? [[String: String]])
                == [
                    ["code": "invalid_request", "path": "items[0].inputs.omsattning", "message": "expected a decimal from 0 to 100000000000, got \"-1\""],
                    [
                        "code": "invalid_request", "path": "items[1].date",
                        "message": "expected a date as YYYY-MM-DD that exists in the calendar, got \"2022-13-01\"",
                    ],
                ])
    }

    /// Errors of every kind in one request: envelope keys, an item's own keys, its fee, its
    /// inputs (each of them), an index value missing for an item's year, an adjustment.
    @Test func everyKindOfErrorInOneRequest() {
        let line =
            #"{"id":"x","tariff":"habo/alkohol","extra":1,"items":[{"fee":"tillsynsavgift","date":"2027-03-01","inputs":{"omsattning":"10"}},"#
            + #"{"fee":"tillsynsavgift","date":"2018-03-01","inputs":{"omsattning":"1000000.01"}},{"fee":"grundavgift","date":"2016-12-31"},"#
            + #"{"date":"2018-01-01","y":2}],"adjustment":{"kind":"waiver","reference":"r"},"explain":"yes"}"#
        #expect(
            Self.errors(line).all == [
                "invalid_request extra", "index_missing items[0].date", "invalid_request items[1].inputs.omsattning",
                "no_tariff_in_force items[2].date", "invalid_request items[3].y", "invalid_request items[3].fee", "invalid_request adjustment",
                "invalid_request explain",
            ])
    }

    @Test func atMostTwentyErrors() {
        let items = (0..<30).map { _ in #"{"fee":"tillsyn_rorlig","date":"2022-05-01","inputs":{"omsattning":"x"}}"# }.joined(separator: ",")
        let found = Self.errors(#"{"id":"x","tariff":"mark/alkohol","items":[\#(items)]}"#)
        #expect(found.all == (0..<20).map { "invalid_request items[\($0)].inputs.omsattning" })
    }

    /// The older request forms: entries, months, the percentage form.
    @Test func theOlderFormsListEveryError() {
        let hourly =
            #"{"id":"x","tariff":"oxelosund/laff","entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":-1},{"date":"2024-03-05","activity":"fika","minutes":5},"#
            + #"{"date":"2023-03-05","activity":"tillsyn","minutes":5},{"date":"2025-03-05","activity":"tillsyn","minutes":5,"officer":""}]}"#
        #expect(
            Self.errors(hourly, tariffs: TestSupport.shippedTariffs).all == [
                "invalid_request entries[0].minutes", "unknown_activity entries[1].activity", "no_tariff_in_force entries[2].date",
                "index_missing entries[3].date", "invalid_request entries[3].officer",
            ])
        let months = #"{"id":"x","tariff":"oxelosund/bep","months":{"2023-13":{},"2022-09":{"Gymn":1},"2023-09":[]}}"#
        #expect(
            Self.errors(months, tariffs: TestSupport.shippedTariffs).all == [
                "invalid_request months[\"2023-13\"]", "no_tariff_in_force months[\"2022-09\"]", "invalid_request months[\"2023-09\"]",
            ])
        let percentage = #"{"id":"x","tariff":"oxelosund/po","salary_cost":"1,5","date":"2024-02-30"}"#
        #expect(Self.errors(percentage, tariffs: TestSupport.shippedTariffs).all == ["invalid_request salary_cost", "invalid_request date"])
    }

    /// Invalid JSON and a line too long have one error each, listed in `errors` too.
    @Test func oneErrorRecordsListIt() {
        let found = Self.errors("{")
        #expect(found.all == ["invalid_json "])
        #expect(found.first == "invalid_json ")
    }
}
