import SmartCard

/// The terminal side of chip authentication over an open link: ECDH with the DG14 key and the
/// switch to fresh secure-messaging keys; then a protected answer that only a chip holding
/// DG14's private key can give (the next file read, or an explicit short read).
enum ChipAuthenticator {
    /// Runs the key agreement; on `ok` the link continues under the new keys, and the next
    /// protected answer (a file read, or ``prove(_:efCOM:)``) is the proof. A transport error
    /// (card removed) is thrown; everything the chip says is a verdict.
    static func establish(_ link: inout ChipLink, dg14: SecurityInfos?) async throws -> CheckVerdict {
        guard let dg14 else { return .failed(.chipKeyMismatch("DG14 was read but its SecurityInfos do not parse")) }
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
        return .ok
    }

    /// The proof when no file is read after ``establish(_:dg14:)``: a short protected read of
    /// EF.COM under the new keys, compared with what was read before.
    static func prove(_ link: inout ChipLink, efCOM: [UInt8]?) async throws -> CheckVerdict {
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
