import ArgumentParser
import Foundation
import HealthID
import KioskCore
import Store

/// `kioskctl lookup`: a resident of the local registry, printed for the operator who asked.
/// Personal data goes to standard output only; errors name the field, never its value.
struct LookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Find a resident in the local registry by ID number, insurance card code, or name and date of birth.",
        discussion: """
            With --config naming a kioskd config that has [upstream] bhxh_portal_url, each resident's \
            health-insurance card is also checked at the portal (or shown from the kiosk's last answer, \
            marked stale with its age, when the portal fails). Exit status 1 when no resident matches.
            """
    )

    @Option(name: .customLong("id"), help: "12-digit citizen ID number.") var idNumber: String?
    @Option(help: "15-character insurance card code.") var card: String?
    @Option(help: "Name, with or without diacritics (with --dob).") var name: String?
    @Option(help: "Date of birth YYYY-MM-DD (with --name).") var dob: String?
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "kioskd config file: check each resident's insurance card at its BHXH portal.") var config: String?
    @OptionGroup var database: StateDirectoryOption

    func run() throws {
        let query = try self.query()
        let store = try database.openExisting()
        let lookup = Lookup(database: store)
        let checker = try insuranceChecker(store)
        let residents: [Resident]
        do {
            residents = try RegistryCLI.wait {
                switch query {
                case .id(let number): return try await lookup.resident(idNumber: number).map { [$0] } ?? []
                case .card(let code): return try await lookup.residents(cardCode: code)
                case .name(let name, let dob): return try await lookup.residents(name: name, dateOfBirth: dob)
                }
            }
        } catch let error as HealthIDError {
            throw RegistryCLI.fail(error.detail, RegistryImport.exitUsage)
        } catch {
            throw RegistryCLI.fail("\(error)", RegistryImport.exitSoftware)
        }
        var reports = residents.map(ResidentReport.init)
        if let checker {
            let found = residents
            let insurance = try RegistryCLI.wait { await InsuranceReport.check(found, with: checker) }
            for index in reports.indices { reports[index].insurance = insurance[index] }
            try? RegistryCLI.wait { await checker.provider.shutdown() }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(reports), as: UTF8.self))
        } else {
            print(reports.map(\.text).joined(separator: "\n\n"))
        }
        if residents.isEmpty {
            if !json { FileHandle.standardError.write(Data("kioskctl: no resident matches\n".utf8)) }
            throw ExitCode.failure
        }
    }

    /// The insurance check of `--config`, or nil without it. sysexits.h EX_CONFIG (78) when the
    /// config or the credentials file is unusable.
    private func insuranceChecker(_ store: KioskDatabase) throws -> InsuranceChecker? {
        guard let config else { return nil }
        do {
            guard let checker = try InsuranceSetup.checker(config: try ConfigLoader.load(path: config), database: store) else {
                throw RegistryCLI.fail("\(config) names no BHXH portal ([upstream] bhxh_portal_url)", 78)
            }
            return checker
        } catch let error as ConfigError {
            throw RegistryCLI.fail(error.detail, 78)
        } catch let error as HealthIDError {
            throw RegistryCLI.fail(error.detail, 78)
        }
    }

    private enum Query: Sendable {
        case id(String), card(String), name(String, String)
    }

    private func query() throws -> Query {
        let given = [idNumber != nil, card != nil, name != nil || dob != nil].filter { $0 }.count
        guard given == 1 else {
            throw RegistryCLI.fail("give exactly one of --id, --card, --name with --dob", RegistryImport.exitUsage)
        }
        if let idNumber { return .id(idNumber) }
        if let card { return .card(card) }
        guard let name, let dob else { throw RegistryCLI.fail("--name and --dob go together", RegistryImport.exitUsage) }
        return .name(name, dob)
    }
}

/// One resident as `lookup` prints it: the registry's column names as JSON keys, or labelled lines.
struct ResidentReport: Encodable {
    let id_number: String
    let full_name: String
    let date_of_birth: String
    let sex: String
    let address: String?
    let household_id: String?
    let insurance_code: String?
    let registered_facility: String?
    let updated_at: String
    var insurance: InsuranceReport?

    init(_ resident: Resident) {
        id_number = resident.idNumber
        full_name = resident.fullName
        date_of_birth = resident.dateOfBirth
        sex = resident.sex.rawValue
        address = resident.address
        household_id = resident.householdID
        insurance_code = resident.insuranceCode
        registered_facility = resident.registeredFacility
        updated_at = resident.updatedAt.formatted(.iso8601)
    }

    var text: String {
        let lines: [(String, String?)] = [
            ("ID number", id_number), ("Name", full_name), ("Date of birth", date_of_birth), ("Sex", sex),
            ("Address", address), ("Household", household_id), ("Insurance card", insurance_code),
            ("Registered facility", registered_facility), ("Updated", updated_at),
        ]
        return (lines + (insurance?.lines ?? [])).compactMap { label, value in
            value.map { (label + ":").padding(toLength: 21, withPad: " ", startingAt: 0) + $0 }
        }.joined(separator: "\n")
    }
}
