// USB peripherals through libusb: hot-plug device manager, QR scanner, receipt printer, terminal link.
