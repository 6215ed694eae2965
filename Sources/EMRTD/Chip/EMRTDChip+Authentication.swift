import SmartCard

/// The chip side of chip authentication (MSE:Set KAT, or MSE:Set AT + GENERAL AUTHENTICATE)
/// and active authentication (INTERNAL AUTHENTICATE), for the virtual card.
extension EMRTDChip {
    /// MSE:Set KAT (P2 A6: the terminal's key in DO'91', 3DES variants) or MSE:Set AT (P2 A4:
    /// the protocol OID in DO'80', AES variants).
    mutating func chipAuthenticationSetUp(_ command: CommandAPDU) -> ResponseAPDU {
        chipAuthenticationVariant = nil
        guard let objects = try? TLV.parseAll(command.data) else { return ResponseAPDU(sw: 0x6A80) }
        guard chipAuthenticationKey != nil else { return ResponseAPDU(sw: 0x6A88) }
        switch command.p2 {
        case 0xA6:
            guard let point = objects.first(where: { $0.tag == 0x91 })?.value,
                  let variant = ChipAuthenticationProtocol(oid: SecurityOIDs.chipAuthentication + [2, 1]) else {
                return ResponseAPDU(sw: 0x6A80)
            }
            return agree(point: point, variant: variant) ? ResponseAPDU(sw: 0x9000) : ResponseAPDU(sw: 0x6A80)
        case 0xA4:
            guard let oid = objects.first(where: { $0.tag == 0x80 })?.value,
                  let variant = ChipAuthenticationProtocol(oid: OIDText.dotted(oid).split(separator: ".").compactMap { UInt($0) }),
                  variant.isECDH else { return ResponseAPDU(sw: 0x6A80) }
            chipAuthenticationVariant = variant
            return ResponseAPDU(sw: 0x9000)
        default:
            return ResponseAPDU(sw: 0x6A86)
        }
    }

    /// GENERAL AUTHENTICATE with the terminal's ephemeral key in 7C { 80 }; answers 7C (empty).
    mutating func chipAuthenticationAgreement(_ command: CommandAPDU) -> ResponseAPDU {
        defer { chipAuthenticationVariant = nil }
        guard let variant = chipAuthenticationVariant,
              let point = try? PACEMessages.dynamicData(command.data, tag: 0x80, step: "CA") else { return ResponseAPDU(sw: 0x6A80) }
        return agree(point: point, variant: variant) ? ResponseAPDU(data: [0x7C, 0x00], sw: 0x9000) : ResponseAPDU(sw: 0x6A80)
    }

    /// ECDH with the chip's static key; the new session starts after this answer.
    private mutating func agree(point: [UInt8], variant: ChipAuthenticationProtocol) -> Bool {
        guard let key = chipAuthenticationKey,
              let peer = try? ECKeyAgreement.publicKey(point: point, like: key.handle),
              let secret = try? ECKeyAgreement.sharedSecret(privateKey: key.handle, peer: peer.handle),
              let next = try? variant.session(sharedSecret: secret) else { return false }
        nextSession = next
        return true
    }

    /// INTERNAL AUTHENTICATE: signs the 8-byte challenge (RSA: ISO/IEC 9796-2 scheme 1 with
    /// SHA-1; EC: plain ECDSA with ``activeAuthenticationDigest``).
    mutating func internalAuthenticate(_ command: CommandAPDU) -> ResponseAPDU {
        guard let key = activeAuthenticationKey else { return ResponseAPDU(sw: 0x6D00) }
        guard command.data.count == 8 else { return ResponseAPDU(sw: 0x6700) }
        do {
            if key.isRSA {
                let block = try SignatureFormats.iso9796Block(size: key.size, m2: command.data)
                return ResponseAPDU(data: try key.rsaSignRaw(block), sw: 0x9000)
            }
            let der = try key.sign(command.data, digest: activeAuthenticationDigest.evp)
            return ResponseAPDU(data: try SignatureFormats.plain(der: der, width: (key.bits + 7) / 8), sw: 0x9000)
        } catch {
            return ResponseAPDU(sw: 0x6F00)
        }
    }
}
