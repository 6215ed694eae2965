import COpenSSL

/// One of the PACE standardized elliptic curves, with the point arithmetic PACE and chip
/// authentication need. Points travel as uncompressed X9.62 octets (`04 || X || Y`).
///
/// Instances are immutable after creation; libcrypto allows concurrent read-only use of an
/// `EC_GROUP`, hence `@unchecked Sendable`.
final class ECCurve: @unchecked Sendable {
    private let group: OpaquePointer
    /// Size of a field element (and of a coordinate) in bytes.
    let fieldSize: Int
    /// Size of the group order in bytes.
    let orderSize: Int
    /// The curve's short name, for error details.
    let name: String

    /// Opens the curve with libcrypto's numeric identifier `nid`.
    init(nid: Int32, name: String) throws {
        group = try OpenSSLCall.nonNull(EC_GROUP_new_by_curve_name(nid), "EC_GROUP_new_by_curve_name(\(name))")
        fieldSize = (Int(EC_GROUP_get_degree(group)) + 7) / 8
        orderSize = (Int(EC_GROUP_order_bits(group)) + 7) / 8
        self.name = name
    }

    deinit { EC_GROUP_free(group) }

    /// The standard generator G.
    var generator: [UInt8] {
        get throws {
            let g = try OpenSSLCall.nonNull(EC_GROUP_get0_generator(group), "EC_GROUP_get0_generator")
            return try encode(g)
        }
    }

    /// `scalar · point` (or `scalar · G` when `point` is nil). The scalar is big-endian.
    func multiply(_ scalar: [UInt8], _ point: [UInt8]? = nil) throws -> [UInt8] {
        try withContext { ctx in
            let k = try bignum(scalar)
            defer { BN_clear_free(k) }
            let result = try newPoint()
            defer { EC_POINT_free(result) }
            if let point {
                let p = try decode(point, ctx)
                defer { EC_POINT_free(p) }
                try OpenSSLCall.check(EC_POINT_mul(group, result, nil, p, k, ctx), "EC_POINT_mul")
            } else {
                try OpenSSLCall.check(EC_POINT_mul(group, result, k, nil, nil, ctx), "EC_POINT_mul")
            }
            return try encode(result, ctx)
        }
    }

    /// `scalar · G + point`: the PACE Generic Mapping G~ = s·G + H.
    func multiplyGeneratorAndAdd(_ scalar: [UInt8], _ point: [UInt8]) throws -> [UInt8] {
        try withContext { ctx in
            let k = try bignum(scalar)
            defer { BN_clear_free(k) }
            let one = try bignum([1])
            defer { BN_free(one) }
            let p = try decode(point, ctx)
            defer { EC_POINT_free(p) }
            let result = try newPoint()
            defer { EC_POINT_free(result) }
            try OpenSSLCall.check(EC_POINT_mul(group, result, k, p, one, ctx), "EC_POINT_mul")
            return try encode(result, ctx)
        }
    }

    /// The x-coordinate of `point`, left-padded to the field size (the ECDH shared secret).
    func xCoordinate(_ point: [UInt8]) throws -> [UInt8] {
        try validate(point)
        return Array(point[1...fieldSize])
    }

    /// Throws unless `point` is an uncompressed point on the curve other than infinity.
    func validate(_ point: [UInt8]) throws {
        _ = try withContext { ctx in
            let p = try decode(point, ctx)
            EC_POINT_free(p)
        }
    }

    /// A uniformly random private scalar in [1, n-1], big-endian, `orderSize` bytes.
    func randomScalar() throws -> [UInt8] {
        let order = try OpenSSLCall.nonNull(EC_GROUP_get0_order(group), "EC_GROUP_get0_order")
        let k = try OpenSSLCall.nonNull(BN_new(), "BN_new")
        defer { BN_clear_free(k) }
        repeat {
            try OpenSSLCall.check(BN_priv_rand_range(k, order), "BN_priv_rand_range")
        } while BN_is_zero(k) == 1
        return try bytes(of: k, width: orderSize)
    }

    // MARK: libcrypto plumbing

    private func withContext<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        let ctx = try OpenSSLCall.nonNull(BN_CTX_new(), "BN_CTX_new")
        defer { BN_CTX_free(ctx) }
        return try body(ctx)
    }

    private func newPoint() throws -> OpaquePointer {
        try OpenSSLCall.nonNull(EC_POINT_new(group), "EC_POINT_new")
    }

    private func bignum(_ bytes: [UInt8]) throws -> OpaquePointer {
        try OpenSSLCall.nonNull(BN_bin2bn(bytes, Int32(bytes.count), nil), "BN_bin2bn")
    }

    private func bytes(of bn: OpaquePointer, width: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width)
        guard BN_bn2binpad(bn, &out, Int32(width)) == Int32(width) else { throw OpenSSLCall.failure("BN_bn2binpad") }
        return out
    }

    private func decode(_ octets: [UInt8], _ ctx: OpaquePointer) throws -> OpaquePointer {
        guard octets.count == 1 + 2 * fieldSize, octets.first == 0x04 else {
            throw EMRTDError.authenticationFailed("EC point is not an uncompressed \(name) point")
        }
        let p = try newPoint()
        guard EC_POINT_oct2point(group, p, octets, octets.count, ctx) == 1,
              EC_POINT_is_on_curve(group, p, ctx) == 1,
              EC_POINT_is_at_infinity(group, p) == 0 else {
            EC_POINT_free(p)
            ERR_clear_error()
            throw EMRTDError.authenticationFailed("EC point is not on \(name)")
        }
        return p
    }

    private func encode(_ point: OpaquePointer, _ ctx: OpaquePointer? = nil) throws -> [UInt8] {
        guard EC_POINT_is_at_infinity(group, point) == 0 else {
            throw EMRTDError.authenticationFailed("EC operation gave the point at infinity")
        }
        var out = [UInt8](repeating: 0, count: 1 + 2 * fieldSize)
        let written = EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, &out, out.count, ctx)
        guard written == out.count else { throw OpenSSLCall.failure("EC_POINT_point2oct") }
        return out
    }
}

/// The PACE standardized domain parameters (ICAO 9303-11 / BSI TR-03110 table of IDs) that
/// are elliptic curves: IDs 8 to 18.
public enum StandardDomainParameters {
    /// Curve name of standardized parameter `id`, nil for IDs that are not ECC (0-2 are MODP
    /// groups, 3-7 reserved).
    public static func curveName(id: Int) -> String? { table[id]?.1 }

    static let table: [Int: (Int32, String)] = [
        8: (NID_X9_62_prime192v1, "NIST P-192"),
        9: (NID_brainpoolP192r1, "brainpoolP192r1"),
        10: (NID_secp224r1, "NIST P-224"),
        11: (NID_brainpoolP224r1, "brainpoolP224r1"),
        12: (NID_X9_62_prime256v1, "NIST P-256"),
        13: (NID_brainpoolP256r1, "brainpoolP256r1"),
        14: (NID_brainpoolP320r1, "brainpoolP320r1"),
        15: (NID_secp384r1, "NIST P-384"),
        16: (NID_brainpoolP384r1, "brainpoolP384r1"),
        17: (NID_brainpoolP512r1, "brainpoolP512r1"),
        18: (NID_secp521r1, "NIST P-521"),
    ]

    static func curve(id: Int) throws -> ECCurve {
        guard let (nid, name) = table[id] else {
            throw EMRTDError.unsupported("standardized domain parameter \(id) is not an elliptic curve")
        }
        return try ECCurve(nid: nid, name: name)
    }
}
