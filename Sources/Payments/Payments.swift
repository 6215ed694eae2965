// Cashless payments: VietQR payloads (VietQR/), QR images (QRImage/), payment lifecycle, reconciliation.
