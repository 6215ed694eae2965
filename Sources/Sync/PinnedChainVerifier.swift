import Foundation
import NIOCore
import NIOSSL
import SwiftASN1
import Synchronization
import X509

/// The server-certificate check of ``PinnedUpstream``, run by NIOSSL inside every TLS handshake
/// (its custom verification callback): first the normal verification — a path from the presented
/// chain to a trusted root (the upstream `ca_file`, else the system's), validity dates, CA
/// constraints, and the host name or IP address — with swift-certificates' `Verifier`, then the
/// pin: some certificate of the validated chain (leaf, intermediate or root) must have a
/// SubjectPublicKeyInfo whose SHA-256 is one of the pins. Either failure fails the handshake, so
/// no request is written on a connection that was not checked.
struct PinnedChainVerifier: Sendable {
    /// Why a handshake's check failed.
    enum Failure: Sendable, Equatable {
        /// No path to a trusted root, expired, or not naming the host.
        case untrusted(String)
        /// A trusted chain, but none of its keys is pinned; the pins of the chain's keys, leaf first.
        case pinMismatch(chain: [String])
    }

    let roots: CertificateStore
    let pins: [SPKIPin]
    let host: String
    let hostIsAddress: Bool

    /// A verifier for `configuration`'s host, CA file and pins; throws ``SyncError`` with reason
    /// `configuration` when the CA file cannot be read.
    init(configuration: UpstreamConfiguration, host: String) throws {
        pins = configuration.spkiPins
        self.host = host
        hostIsAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        if let caFile = configuration.caFile {
            do {
                roots = CertificateStore(try NIOSSLCertificate.fromPEMFile(caFile).map { try Certificate(derEncoded: try $0.toDERBytes()) })
            } catch {
                throw SyncError(.configuration, "TLS files: ca_file \(caFile): \(error)")
            }
        } else {
            roots = CertificateStore.systemTrustRoots
        }
    }

    /// Checks the chain the server presented (leaf first). Returns NIOSSL's verdict and, when it
    /// is a failure, why.
    func verify(_ presented: [NIOSSLCertificate]) async -> (NIOSSLVerificationResultWithMetadata, Failure?) {
        let chain: [Certificate]
        do {
            chain = try presented.map { try Certificate(derEncoded: try $0.toDERBytes()) }
        } catch {
            return (.failed, .untrusted("a certificate the server presented cannot be parsed: \(error)"))
        }
        guard let leaf = chain.first else { return (.failed, .untrusted("the server presented no certificate")) }
        let identity = ServerIdentityPolicy(serverHostname: hostIsAddress ? nil : host, serverIP: hostIsAddress ? host : nil)
        var verifier = Verifier(rootCertificates: roots) {
            RFC5280Policy()
            identity
        }
        let validated: [Certificate]
        switch await verifier.validate(leaf: leaf, intermediates: CertificateStore(chain.dropFirst())) {
        case .validCertificate(let path):
            validated = Array(path)
        case .couldNotValidate(let failures):
            let reasons = failures.map { "\($0.policyFailureReason)" }.joined(separator: "; ")
            return (.failed, .untrusted(reasons.isEmpty ? "no path to a trusted root" : reasons))
        }
        do {
            let certificates = try validated.map { certificate in
                var serializer = DER.Serializer()
                try serializer.serialize(certificate)
                return try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)
            }
            let keyPins = try certificates.map { SPKIPin(subjectPublicKeyInfo: try $0.extractPublicKey().toSPKIBytes()) }
            guard keyPins.contains(where: pins.contains) else {
                return (.failed, .pinMismatch(chain: keyPins.map(\.description)))
            }
            return (.certificateVerified(VerificationMetadata(ValidatedCertificateChain(certificates))), nil)
        } catch {
            return (.failed, .untrusted("the validated chain cannot be re-encoded: \(error)"))
        }
    }

    /// The callback for `NIOSSLClientHandler`; `report` keeps why a handshake was refused.
    func callback(reporting report: FailureReport) -> NIOSSLCustomVerificationCallbackWithMetadata {
        { presented, promise in
            promise.completeWithTask {
                let (result, reason) = await verify(presented)
                report.failure.withLock { $0 = reason }
                return result
            }
        }
    }

    /// Why one connection's check failed, read after the handshake error.
    final class FailureReport: Sendable {
        let failure = Mutex<Failure?>(nil)
    }
}
