import Foundation
import Testing
import Payments

/// Our payloads read by `vietqr-emvco`, its payloads read by us, and our PNGs decoded by `zxing-cpp`.
@Suite(PythonOracle.enabled) struct ThirdPartyCrossCheckTests {
    static let ourPayloads: [VietQRPayload] = [
        VietQRPayload(bankBIN: "970403", accountNumber: "0011012345678", service: .account),
        VietQRPayload(bankBIN: "970403", accountNumber: "9704031101234567", service: .card,
                      amount: 180_000, billNumber: "NPS6869", purpose: "thanh toan don hang"),
        VietQRPayload(bankBIN: "970422", accountNumber: "12345678900", service: .account, amount: 35_000,
                      billNumber: "HK-20261129-0042", purpose: "Khám bệnh Đông Hà",
                      merchantName: "TRẠM Y TẾ ĐÔNG HÀ", merchantCity: "Quảng Trị", merchantCategoryCode: "8062"),
    ]

    /// What `VietQRParser.parse` returns, the fields compared.
    struct TheirParse: Decodable {
        let payload_format_indicator: String
        let point_of_initiation_method: String
        let napas_guid: String?
        let bank_bin: String
        let account_number: String
        let service_code: String
        let currency: String
        let amount: Double?
        let country_code: String
        let merchant_name: String
        let memo: String
        let checksum_ok: Bool
    }

    static let parseScript = """
    import json, sys
    from vietqr_emvco import VietQRParser
    results = []
    for payload in json.load(open(sys.argv[1])):
        parsed = VietQRParser.parse(payload)
        parsed.pop("raw_tags", None)
        parsed["checksum_ok"] = VietQRParser.verify_checksum(payload)
        results.append(parsed)
    print(json.dumps(results))
    """

    @Test func vietqrEmvcoParsesOurPayloads() throws {
        let texts = try Self.ourPayloads.map { try $0.encoded() }
        let theirs = try PythonOracle.run(Self.parseScript, input: texts, as: [TheirParse].self)
        try #require(theirs.count == texts.count)
        for (ours, their) in zip(try texts.map { try VietQRPayload(parsing: $0) }, theirs) {
            #expect(their.checksum_ok)
            #expect(their.payload_format_indicator == "01")
            #expect(their.point_of_initiation_method == ours.initiation.rawValue)
            #expect(their.napas_guid == "A000000727")
            #expect(their.bank_bin == ours.bankBIN)
            #expect(their.account_number == ours.accountNumber)
            #expect(their.service_code == ours.service.rawValue)
            #expect(their.currency == "704" && their.country_code == "VN")
            #expect(their.amount.map { UInt64($0) } == ours.amount)
            #expect(their.merchant_name == (ours.merchantName ?? ""))
            #expect(their.memo == (ours.purpose ?? ""))
        }
    }

    /// One call of `VietQRGenerator(bank, account).generate(amount, memo, merchant_name)`.
    struct Request: Encodable {
        let bank: String
        let account: String
        let amount: Int?
        let memo: String?
        let name: String?
    }

    static let generateScript = """
    import json, sys
    from vietqr_emvco import VietQRGenerator
    print(json.dumps([VietQRGenerator(r["bank"], r["account"]).generate(amount=r.get("amount"), memo=r.get("memo"), merchant_name=r.get("name"))
                      for r in json.load(open(sys.argv[1]))]))
    """

    @Test func weParseVietqrEmvcoPayloads() throws {
        let requests = [
            Request(bank: "970422", account: "12345678900", amount: 100_000, memo: "ITBLOG PAY 123", name: "Nguyen Van A"),
            Request(bank: "Vietcombank", account: "0011012345678", amount: nil, memo: nil, name: nil),
            Request(bank: "970403", account: "9704031101234567", amount: 180_000, memo: "thanh toan don hang", name: "Tram Y te Dong Ha"),
        ]
        let texts = try PythonOracle.run(Self.generateScript, input: requests, as: [String].self)
        try #require(texts.count == requests.count)
        for (request, text) in zip(requests, texts) {
            let parsed = try VietQRPayload(parsing: text)
            #expect(parsed.bankBIN == (request.bank == "Vietcombank" ? "970436" : request.bank))
            #expect(parsed.accountNumber == request.account)
            #expect(parsed.service == .account)
            #expect(parsed.amount == request.amount.map { UInt64($0) })
            #expect(parsed.initiation == (request.amount == nil ? .static : .dynamic))
            #expect(parsed.purpose == request.memo)
            #expect(parsed.merchantName == (request.name?.uppercased() ?? "CUA HANG AI")) // the generator's default name
            #expect(parsed.merchantCategoryCode == "0000")
            #expect(try parsed.encoded() == text, "rebuilt byte for byte")
        }
    }

    /// What zxing-cpp read from one PNG, after Pillow opened it (which checks every chunk CRC).
    struct Decoded: Decodable {
        let size: [Int]
        let texts: [String]
    }

    static let decodeScript = """
    import json, sys
    from PIL import Image
    import zxingcpp
    results = []
    for path in json.load(open(sys.argv[1])):
        image = Image.open(path)
        image.load()
        codes = zxingcpp.read_barcodes(image.convert("L"))
        results.append({"size": list(image.size), "texts": [code.bytes.decode("utf-8") for code in codes]})
    print(json.dumps(results))
    """

    @Test func zxingDecodesOurPNGs() throws {
        let directory = try PythonOracle.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        var expected: [(text: String, side: Int)] = []
        for (index, payload) in Self.ourPayloads.enumerated() {
            let text = try payload.encoded()
            let matrix = try QRCodeMatrix(encoding: text)
            for (name, layout) in [("300", try QRLayout.fitting(matrix, into: 300)), ("small", try QRLayout(scale: 2, quietZone: 4))] {
                let url = directory.appendingPathComponent("code-\(index)-\(name).png")
                try Data(matrix.png(layout: layout)).write(to: url)
                paths.append(url.path)
                expected.append((text, layout.side(for: matrix)))
            }
        }
        let decoded = try PythonOracle.run(Self.decodeScript, input: paths, as: [Decoded].self)
        try #require(decoded.count == expected.count)
        for (result, want) in zip(decoded, expected) {
            #expect(result.size == [want.side, want.side])
            #expect(result.texts == [want.text])
        }
    }
}
