import Foundation

/// One entry of a transaction bundle: a conditional create of `resource`, skipped by the
/// server when a resource with the idempotency identifier already exists; or, in PUT mode, an
/// update-as-create of `resource` under a client-chosen id derived from the outbox id.
struct FHIREntry: Sendable, Equatable {
    /// `urn:uuid:` name other entries of the bundle reference it by.
    let fullUrl: String
    /// The resource, with its `resourceType`.
    let resource: FHIRJSON
    /// The `identifier` search that makes the create conditional (outbox ids only).
    let ifNoneExist: String
    /// The resource's id in PUT mode (the outbox id and role: no personal data); nil for a
    /// conditional create.
    var clientID: String? = nil

    var resourceType: String { resource["resourceType"]?.stringValue ?? "" }

    var json: FHIRJSON {
        guard let clientID, case .object(var fields) = resource else {
            return [
                "fullUrl": .string(fullUrl),
                "resource": resource,
                "request": ["method": "POST", "url": .string(resourceType), "ifNoneExist": .string(ifNoneExist)],
            ]
        }
        fields["id"] = .string(clientID)
        return [
            "fullUrl": .string(fullUrl),
            "resource": .object(fields),
            "request": ["method": "PUT", "url": .string("\(resourceType)/\(clientID)")],
        ]
    }
}
