import SmartCard

/// The terminal side of chip authentication over an open link: ECDH with the DG14 key, the
/// switch to fresh secure-messaging keys, and one protected READ BINARY that only succeeds if
/// the chip derived the same keys (holds DG14's private key).
enum ChipAuthenticator {
    /// Runs chip authentication; the link continues under the new keys when it passes. A
    /// transport error (card removed) is thrown; everything the chip says is a verdict.
    static func run(_ link: inout ChipLink, dg14: SecurityInfos?, efCOM: [UInt8]?) async throws -> CheckVerdict {
        guard let dg14 else { return .notSupported("the card has no DG14") }
        guard let info = dg14.chipAuthenticationInfos.first(where: { ChipAuthenticationProtocol(oid: $0.oid) != nil }) else {
            let offered = dg14.chipAuthenticationInfos.map { SecurityOIDs.dotted($0.oid) }
            return offered.isEmpty ? .notSupported("DG14 offers no chip authentication")
                : .notSupported("chip authentication variant \(offered.joined(separator: ", ")) is not supported")
        }
        let variant = ChipAuthenticationProtocol(oid: info.oid)!
        guard variant.isECDH else { return .notSupported("DH chip authentication is not supported (ECDH only)") }
        guard let keyInfo = dg14.chipAuthenticationPublicKeys.first(where: { info.keyID == nil || $0.keyID == info.keyID }) else {
            return .failed(.chipKeyMismatch("DG14 has no public key for key ID \(info.keyID.map(String.init) ?? "-")"))
        }
        let chipKey: PublicKey
        do {
            chipKey = try PublicKey(subjectPublicKeyInfo: keyInfo.subjectPublicKeyInfo, source: "DG14")
        } catch {
            return .failed(.chipKeyMismatch("DG14 public key unreadable"))
        }
        guard chipKey.isEC else { return .notSupported("DG14 key is not an EC key") }

        let ephemeral = try ECKeyAgreement.ephemeralKey(like: chipKey.handle)
        let point = try ECKeyAgreement.publicPoint(ephemeral.handle)
        let keyReference = info.keyID.map { TLV.encode(0x84, Bytes.bigEndian($0, width: $0 > 255 ? 2 : 1)) } ?? []
        do {
            if variant.usesSetKAT {
                _ = try await link.expect(CommandAPDU(cla: 0x00, ins: 0x22, p1: 0x41, p2: 0xA6,
                                                      data: TLV.encode(0x91, point) + keyReference), "MSE:Set KAT (CA)")
            } else {
                _ = try await link.expect(CommandAPDU(cla: 0x00, ins: 0x22, p1: 0x41, p2: 0xA4,
                                                      data: TLV.encode(0x80, try SecurityOIDs.contentBytes(info.oid)) + keyReference),
                                          "MSE:Set AT (CA)")
                _ = try await link.expect(PACEMessages.generalAuthenticate(tag: 0x80, value: point, last: true),
                                          "GENERAL AUTHENTICATE (CA)")
            }
        } catch let error as EMRTDError {
            return .failed(.chipKeyMismatch("the chip refused chip authentication: \(error.detail)"))
        }
        let secret = try ECKeyAgreement.sharedSecret(privateKey: ephemeral.handle, peer: chipKey.handle)
        link.session = try variant.session(sharedSecret: secret)

        // The proof: a protected read under the new keys. A chip without DG14's private key
        // derived other keys and cannot answer with a valid MAC.
        do {
            let answer = try await link.expect(CommandAPDU(cla: 0x00, ins: 0xB0, p1: 0x80 | LDSFile.com.shortID, p2: 0x00, le: 4),
                                               "READ BINARY EF.COM after CA")
            if let efCOM, !answer.data.elementsEqual(efCOM.prefix(answer.data.count)) {
                return .failed(.chipKeyMismatch("EF.COM read under the new keys differs"))
            }
        } catch let error as EMRTDError {
            link.session = nil
            return .failed(.chipKeyMismatch("no valid answer under the chip-authentication keys (\(error.detail))"))
        }
        return .ok
    }
}
