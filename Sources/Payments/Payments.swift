// Cashless payments: VietQR payloads, QR images, payment lifecycle, reconciliation.
