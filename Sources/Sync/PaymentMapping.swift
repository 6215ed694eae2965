import Foundation
import Store

/// Payments map to `ChargeItem` + `Invoice`, not `PaymentNotice`.
///
/// `PaymentNotice` tells a provider that a payer (an insurer) has remitted money and must point
/// at a `PaymentReconciliation`; a resident's co-payment at the kiosk is neither. It is a charge
/// for the visit (`ChargeItem`, tied to the Encounter by the visit identifier) settled through
/// an `Invoice` whose status follows the payment: pending, created or presented → `issued`,
/// paid → `balanced`, failed, expired, cancelled, voided or refunded → `cancelled` (with the reason).
extension FHIRMapper {
    /// `payment.recorded`: the ChargeItem and the Invoice that bills it.
    func paymentRecorded(_ record: OutboxRecord, _ payment: Payment) -> [FHIREntry] {
        let charge = entry(record, role: .chargeItem, FHIRJSON.compact([
            "resourceType": "ChargeItem",
            "identifier": [outboxIdentifier(record, .chargeItem), FHIRBuilding.identifier(recordSystem("payment"), payment.id.rawValue)],
            "status": "billable",
            "code": ["text": "co-payment"],
            "subject": residentReference(record.subject),
            "context": FHIRBuilding.reference(recordSystem("visit"), payment.visitID.rawValue, type: "Encounter"),
            "occurrenceDateTime": FHIRBuilding.instant(payment.createdAt),
            "performingOrganization": stationReference(),
            "priceOverride": FHIRBuilding.money(payment.amountVND),
            "enteredDate": FHIRBuilding.instant(payment.createdAt),
        ]))
        return [charge, invoice(record, payment, chargeItem: charge.fullUrl)]
    }

    /// The Invoice for a payment's current state; `chargeItem` is the bundle name of its
    /// ChargeItem, or nil to reference it by the payment identifier.
    func invoice(_ record: OutboxRecord, _ payment: Payment, chargeItem: String?) -> FHIREntry {
        let (status, reason) = Self.invoiceStatus(payment.state)
        var identifiers = [outboxIdentifier(record, .main),
                           FHIRBuilding.identifier(recordSystem("payment"), payment.id.rawValue),
                           FHIRBuilding.identifier(recordSystem("bill"), payment.billNumber)]
        if let reference = payment.providerReference {
            identifiers.append(FHIRBuilding.identifier(recordSystem("payment-provider-ref"), reference))
        }
        if let reference = payment.terminalReference {
            identifiers.append(FHIRBuilding.identifier(recordSystem("payment-terminal-ref"), reference))
        }
        let chargeReference = chargeItem.map(FHIRBuilding.reference(fullUrl:))
            ?? FHIRBuilding.reference(recordSystem("payment"), payment.id.rawValue, type: "ChargeItem")
        let resource = FHIRJSON.compact([
            "resourceType": "Invoice",
            "identifier": .array(identifiers),
            "status": .string(status),
            "cancelledReason": reason.map(FHIRJSON.string),
            "subject": residentReference(record.subject),
            "issuer": stationReference(),
            "date": FHIRBuilding.instant(payment.updatedAt),
            "lineItem": [[
                "sequence": 1,
                "chargeItemReference": chargeReference,
                "priceComponent": [["type": "base", "amount": FHIRBuilding.money(payment.amountVND)]],
            ]],
            "totalNet": FHIRBuilding.money(payment.amountVND),
            "totalGross": FHIRBuilding.money(payment.amountVND),
            "paymentTerms": .string("method: \(payment.method.rawValue); state: \(payment.state.rawValue)"),
        ])
        return entry(record, role: .main, resource)
    }

    static func invoiceStatus(_ state: PaymentState) -> (status: String, reason: String?) {
        switch state {
        case .paid: ("balanced", nil)
        case .pending, .created, .presented: ("issued", nil)
        default: ("cancelled", "payment \(state.rawValue)")
        }
    }
}
