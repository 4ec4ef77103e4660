import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The percentage kind and superseding decisions: Oxelösund's staff overhead (PO) for 2024 was
/// budgeted at 44,53 % (KF 2023-11-08) and raised to 47,18 % for all of 2024 by a later decision
/// (KF 2024-02-07, Dnr KS.2024.15).
@Suite struct PercentageTests {
    static func request(date: String = "2024-03-31", salary: String = "\"100000.00\"", extra: String = "") -> String {
        "{\"id\":\"po\",\"tariff\":\"oxelosund/po\",\"date\":\"\(date)\",\"salary_cost\":\(salary)\(extra)}"
    }

    static func result(_ line: String) -> [String: Any] { TestSupport.json(TestSupport.answer(line)) }

    @Test func afterTheRevisionTheSurchargeIs47_18Percent() {
        let result = Self.result(Self.request())
        #expect(result["ok"] as? Bool == true)
        #expect(result["kind"] as? String == "percentage")
        #expect(result["percent"] as? String == "47.18")
        #expect(result["salary_cost"] as? String == "100000.00")
        #expect(result["surcharge"] as? String == "47180.00")
        #expect(result["versions"] as? [String] == ["2024-01-01+2024-02-07"])
        #expect(result["text"] as? String == "Personalomkostnadspålägg (PO) 2024: 47,18 % av 100 000,00 kr = 47 180,00 kr")
    }

    @Test func withAsOfBeforeTheRevisionTheBudgetRateApplies() {
        let result = Self.result(Self.request(extra: ",\"as_of\":\"2024-02-06\""))
        #expect(result["surcharge"] as? String == "44530.00")
        #expect(result["percent"] as? String == "44.53")
        #expect(result["versions"] as? [String] == ["2024-01-01"])
        #expect(result["as_of"] as? String == "2024-02-06")
    }

    @Test func theRevisionCountsFromTheDayItWasDecided() {
        #expect(Self.result(Self.request(extra: ",\"as_of\":\"2024-02-07\""))["surcharge"] as? String == "47180.00")
    }

    /// The later decision covers all of 2024, including the weeks before it was made.
    @Test func theRevisionAppliesFromJanuaryFirst() {
        #expect(Self.result(Self.request(date: "2024-01-01"))["surcharge"] as? String == "47180.00")
        #expect(Self.result(Self.request(date: "2024-12-31"))["surcharge"] as? String == "47180.00")
        #expect(Self.result(Self.request(date: "2024-01-15", extra: ",\"as_of\":\"2024-01-31\""))["surcharge"] as? String == "44530.00")
    }

    @Test func roundsHalfUpToOre() {
        // 25,00 × 47,18 % = 11,795 kr → 11,80; 50,00 × 44,53 % = 22,265 kr → 22,27.
        let tie = Self.result(Self.request(salary: "\"25.00\""))
        #expect(tie["unrounded"] as? String == "11.795")
        #expect(tie["surcharge"] as? String == "11.80")
        let budgetTie = Self.result(Self.request(salary: "\"50\"", extra: ",\"as_of\":\"2024-02-06\""))
        #expect(budgetTie["unrounded"] as? String == "22.265")
        #expect(budgetTie["surcharge"] as? String == "22.27")
        // 12 345,67 × 47,18 % = 5 824,687106 kr → 5 824,69.
        let plain = Self.result(Self.request(salary: "\"12345.67\""))
        #expect(plain["unrounded"] as? String == "5824.687106")
        #expect(plain["surcharge"] as? String == "5824.69")
        #expect(Self.result(Self.request(salary: "\"0\""))["surcharge"] as? String == "0.00")
    }

    @Test func explainCitesBothDecisions() {
        let after = Self.result(Self.request(extra: ",\"explain\":true"))["explanation"] as? [String] ?? []
        #expect(
            after.first
                == "47,18 % enligt Kommunfullmäktige i Oxelösunds kommun 2024-02-07 (KF 2024-02-07, Dnr KS.2024.15, tjänsteskrivelse 2024-01-04), gäller från 2024-01-01 till och med 2024-12-31."
        )
        #expect(after.contains { $0.hasPrefix("Ersätter beslutet 2023-11-08") && $0.contains("44,53 %") })
        #expect(after.contains("100 000,00 kr × 47,18 / 100 = 47 180,00 kr."))
        let before = Self.result(Self.request(extra: ",\"as_of\":\"2024-02-06\",\"explain\":true"))["explanation"] as? [String] ?? []
        #expect(before.contains { $0.hasPrefix("Beslutet 2024-02-07") && $0.contains("efter as_of 2024-02-06") })
    }

    // MARK: - Validation

    static func error(_ line: String) -> (code: String?, path: String?, message: String?) {
        let result = Self.result(line)
        #expect(result["ok"] as? Bool == false)
        let error = result["error"] as? [String: Any]
        return (error?["code"] as? String, error?["path"] as? String, error?["message"] as? String)
    }

    @Test(arguments: ["2023-12-31", "2025-01-01"])
    func datesOutside2024HaveNoTariffInForce(date: String) {
        let error = Self.error(Self.request(date: date))
        #expect(error.code == "no_tariff_in_force")
        #expect(error.path == "date")
        #expect(error.message?.hasPrefix("oxelosund/po has no version in force on \(date)") == true)
    }

    @Test func asOfBeforeTheBudgetFindsNoVersion() {
        let error = Self.error(Self.request(extra: ",\"as_of\":\"2023-11-07\""))
        #expect(error.code == "no_tariff_in_force")
        #expect(error.path == "date")
    }

    @Test(arguments: [
        (request(salary: "100000"), "salary_cost"),
        (request(salary: "\"-1.00\""), "salary_cost"),
        (request(salary: "\"100.001\""), "salary_cost"),
        (request(salary: "\"1e5\""), "salary_cost"),
        (request(date: "2024-02-30"), "date"),
        ("{\"id\":\"po\",\"tariff\":\"oxelosund/po\",\"salary_cost\":\"1.00\"}", "date"),
        ("{\"id\":\"po\",\"tariff\":\"oxelosund/po\",\"date\":\"2024-03-31\"}", "salary_cost"),
        (request(extra: ",\"percent\":\"50\""), "percent"),
    ])
    func malformedRequestsAreRejectedWithAPath(line: String, path: String) {
        let error = Self.error(line)
        #expect(error.code == "invalid_request")
        #expect(error.path == path)
        #expect(error.message?.isEmpty == false)
    }

    // MARK: - Versions decided later for the same valid_from

    @Test func theShippedVersionsAreOrderedByDecision() throws {
        let tariff = try #require(TestSupport.shippedTariffs.tariffs["oxelosund/po"])
        #expect(tariff.versions.map(\.name) == ["2024-01-01", "2024-01-01+2024-02-07"])
        #expect(tariff.versions.map(\.decided.description) == ["2023-11-08", "2024-02-07"])
        let march = CivilDate(year: 2024, month: 3, day: 31)!
        #expect(tariff.version(on: march)?.decided.description == "2024-02-07")
        #expect(tariff.version(on: march, asOf: CivilDate(year: 2024, month: 2, day: 6))?.decided.description == "2023-11-08")
    }

    @Test func aLaterDecisionNeedsAnEarlierOneForTheSameDay() throws {
        let root = try TariffFolder.make(["oxelosund/po/2024-01-01+2024-02-07.json": TariffFolder.percentage(validFrom: "2024-01-01", decided: "2024-02-07")])
        defer { TariffFolder.remove(root) }
        let report = TariffLoader.load(root: root)
        #expect(report.tariffSet == nil)
        #expect(
            report.errors.map(\.description) == [
                "oxelosund/po/2024-01-01+2024-02-07.json: decided: the file is named as a later decision for 2024-01-01, but oxelosund/po has no earlier decision for that day; name it 2024-01-01.json"
            ])
    }

    @Test func aRevisionsFileNameMustMatchItsDecision() throws {
        let root = try TariffFolder.make([
            "oxelosund/po/2024-01-01.json": TariffFolder.percentage(validFrom: "2024-01-01", decided: "2023-11-08", percent: "44.53"),
            "oxelosund/po/2024-01-01+2024-02-07.json": TariffFolder.percentage(validFrom: "2024-01-01", decided: "2024-02-08"),
        ])
        defer { TariffFolder.remove(root) }
        let errors = TariffLoader.load(root: root).errors.map(\.description)
        #expect(
            errors == [
                "oxelosund/po/2024-01-01+2024-02-07.json: decided: is 2024-02-08 but the file is named 2024-01-01+2024-02-07.json; a file named <valid_from>+<decided>.json holds the decision of that day"
            ])
    }

    @Test func twoVersionsWithTheSameDayAndDecisionAreRejected() throws {
        let root = try TariffFolder.make([
            "oxelosund/po/2024-01-01.json": TariffFolder.percentage(validFrom: "2024-01-01", decided: "2024-02-07", percent: "44.53"),
            "oxelosund/po/2024-01-01+2024-02-07.json": TariffFolder.percentage(validFrom: "2024-01-01", decided: "2024-02-07"),
        ])
        defer { TariffFolder.remove(root) }
        let errors = TariffLoader.load(root: root).errors.map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("oxelosund/po has two versions valid from 2024-01-01 decided on 2024-02-07") == true)
    }

    @Test func theEarliestDecisionForADayIsThePlainFile() throws {
        let root = try TariffFolder.make([
            "oxelosund/po/2024-01-01.json": TariffFolder.percentage(validFrom: "2024-01-01", decided: "2024-02-07"),
            "oxelosund/po/2024-01-01+2023-11-08.json": TariffFolder.percentage(validFrom: "2024-01-01", decided: "2023-11-08", percent: "44.53"),
        ])
        defer { TariffFolder.remove(root) }
        let errors = TariffLoader.load(root: root).errors.map(\.description)
        #expect(
            errors == [
                "oxelosund/po/2024-01-01+2023-11-08.json: decided: the file is named as a later decision for 2024-01-01, but oxelosund/po has no earlier decision for that day; name it 2024-01-01.json",
                "oxelosund/po/2024-01-01.json: valid_from: oxelosund/po has two versions valid from 2024-01-01 (also oxelosund/po/2024-01-01+2023-11-08.json); a later decision for the same day belongs in 2024-01-01+2024-02-07.json",
            ])
    }

    @Test func aFileNamedAfterAnotherDayIsRefused() throws {
        let root = try TariffFolder.make([
            "oxelosund/po/2024-02-07.json": TariffFolder.percentage(validFrom: "2024-01-01", decided: "2024-02-07")
        ])
        defer { TariffFolder.remove(root) }
        let errors = TariffLoader.load(root: root).errors.map(\.description)
        #expect(
            errors == [
                "oxelosund/po/2024-02-07.json: valid_from: is 2024-01-01 but the file is named 2024-02-07.json; name the file after its valid_from date (2024-01-01.json, or 2024-01-01+<decided>.json for a later decision for the same day)"
            ])
    }

    @Test(arguments: [("0", "percentage.percent"), ("100.01", "percentage.percent"), ("47.181234", "percentage.percent")])
    func percentagesInTariffFilesAreChecked(percent: String, path: String) throws {
        let root = try TariffFolder.make([
            "oxelosund/po/2024-01-01.json": TariffFolder.percentage(validFrom: "2024-01-01", decided: "2023-11-08", percent: percent)
        ])
        defer { TariffFolder.remove(root) }
        let errors = TariffLoader.load(root: root).errors
        #expect(errors.map(\.path.description) == [path])
    }

    @Test func validUntilMayNotPrecedeValidFrom() throws {
        let file = TariffFolder.percentage(validFrom: "2024-01-01", decided: "2023-11-08")
            .replacingOccurrences(of: "\"decided\"", with: "\"valid_until\": \"2023-12-31\", \"decided\"")
        let root = try TariffFolder.make(["oxelosund/po/2024-01-01.json": file])
        defer { TariffFolder.remove(root) }
        let errors = TariffLoader.load(root: root).errors.map(\.description)
        #expect(errors == ["oxelosund/po/2024-01-01.json: valid_until: is 2023-12-31, before valid_from 2024-01-01; expected the last day the version applies"])
    }

    @Test func anUnknownKindListsTheKnownOnes() throws {
        let file = TariffFolder.percentage(validFrom: "2024-01-01", decided: "2023-11-08")
            .replacingOccurrences(of: "\"kind\": \"percentage\"", with: "\"kind\": \"flat\"")
        let root = try TariffFolder.make(["oxelosund/po/2024-01-01.json": file])
        defer { TariffFolder.remove(root) }
        let errors = TariffLoader.load(root: root).errors.map(\.description)
        #expect(errors == ["oxelosund/po/2024-01-01.json: kind: unknown tariff kind \"flat\"; expected one of: hourly, per_capita, percentage, fees"])
    }
}
