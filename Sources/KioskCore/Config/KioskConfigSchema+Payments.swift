extension KioskConfigSchema {
    static func readPayments(_ table: ConfigTableReader) -> KioskConfig.Payments? {
        defer { table.finish() }
        let bin = table.required("bank_bin", .digits(6))
        let account = table.required("account", .text(expected: "an account or card number of letters and digits, at most 19") { account in
            !account.isEmpty && account.count <= 19 && account.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
                ? nil : "\"\(account)\" is not 1 to 19 letters and digits"
        })
        let name = table.required("merchant_name", .ascii(maxLength: 25))
        let city = table.required("merchant_city", .ascii(maxLength: 15))
        let terminal = table.optional("terminal_protocol", .oneOf([("none", KioskConfig.TerminalProtocol.none), ("concert-e", .concertE)]),
                                      default: .none)
        let fees = readFees(table)
        let confirmation = readConfirmation(table)
        guard let bin, let account, let name, let city, let fees, let confirmation else { return nil }
        var payments = KioskConfig.Payments(bankBIN: bin, account: account, merchantName: name, merchantCity: city, terminalProtocol: terminal)
        payments.fees = fees
        payments.confirmation = confirmation
        return payments
    }

    /// `[[payments.fees]]`: unique codes, a label, an amount the card terminal can carry.
    private static func readFees(_ table: ConfigTableReader) -> [KioskConfig.Fee]? {
        var fees: [KioskConfig.Fee] = []
        var failed = false
        for entry in table.tableArray("fees") {
            defer { entry.finish() }
            let code = entry.required("code", .text(expected: "a fee code of letters, digits, '-' or '_' (at most 32)") { code in
                !code.isEmpty && code.count <= 32 && code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
                    ? nil : "\"\(code)\" is not 1 to 32 letters, digits, '-' or '_'"
            })
            let label = entry.required("label", .string)
            let amount = entry.required("amount", .int(in: 1...99_999_999))
            guard let code, let label, let amount else { failed = true; continue }
            if fees.contains(where: { $0.code == code }) {
                entry.report(.invalidValue, key: "code", "\"\(code)\" is listed twice (expected unique fee codes)")
                failed = true
            }
            fees.append(.init(code: code, label: label, amountVND: Int64(amount)))
        }
        return failed ? nil : fees
    }

    /// `confirmation` with the keys of its mode: `station_server_url` and `poll_interval_seconds`
    /// for `poll`, `callback_secret_file` for `callback`. A key of another mode is an error, so
    /// that a half-changed config does not pass unnoticed.
    private static func readConfirmation(_ table: ConfigTableReader) -> KioskConfig.TransferConfirmation? {
        let mode = table.optional("confirmation", .oneOf(["manual", "poll", "callback"].map { ($0, $0) }), default: "manual")
        let url = table.optional("station_server_url", .url(schemes: ["https", "http"]))
        let interval = table.optional("poll_interval_seconds", .int(in: 2...600))
        let secret = table.optional("callback_secret_file", .absolutePath)
        var failed = false
        func belongs(_ key: String, to owner: String, present: Bool) {
            guard present, mode != owner else { return }
            table.report(.invalidValue, key: key, "is used only with confirmation = \"\(owner)\" (expected no \(key) with confirmation = \"\(mode)\")")
            failed = true
        }
        func needs(_ key: String, _ present: Bool, _ expected: String) {
            guard !present else { return }
            table.report(.missingKey, key: key, "confirmation = \"\(mode)\" needs \(key) (expected \(expected))")
            failed = true
        }
        belongs("station_server_url", to: "poll", present: table.has("station_server_url"))
        belongs("poll_interval_seconds", to: "poll", present: table.has("poll_interval_seconds"))
        belongs("callback_secret_file", to: "callback", present: table.has("callback_secret_file"))
        switch mode {
        case "poll":
            needs("station_server_url", table.has("station_server_url"), "the station server's transfer feed, an http(s) URL")
            guard !failed, let url else { return nil }
            return .poll(stationServerURL: url, intervalSeconds: interval ?? 10)
        case "callback":
            needs("callback_secret_file", table.has("callback_secret_file"), "the path of a file holding the shared secret, mode 0600")
            guard !failed, let secret else { return nil }
            return .callback(secretFile: secret)
        default:
            return failed ? nil : .manual
        }
    }
}
