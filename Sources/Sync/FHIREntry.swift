import Foundation

/// One entry of a transaction bundle: a conditional create of `resource`, skipped by the
/// server when a resource with the idempotency identifier already exists.
struct FHIREntry: Sendable, Equatable {
    /// `urn:uuid:` name other entries of the bundle reference it by.
    let fullUrl: String
    /// The resource, with its `resourceType`.
    let resource: FHIRJSON
    /// The `identifier` search that makes the create conditional (outbox ids only).
    let ifNoneExist: String

    var resourceType: String { resource["resourceType"]?.stringValue ?? "" }

    var json: FHIRJSON {
        [
            "fullUrl": .string(fullUrl),
            "resource": resource,
            "request": ["method": "POST", "url": .string(resourceType), "ifNoneExist": .string(ifNoneExist)],
        ]
    }
}
