import Testing

/// Every test that puts a card into reader `Virtual PCD 00 01`, run one at a time (the nested
/// suites share the reader). Skipped without pcscd unless `KIOSK_REQUIRE_PCSCD=1`.
@Suite("CCCD reads through pcscd + vpcd", .serialized,
       .enabled(if: CardEnvironment.shouldRun, "pcscd with the vpcd readers is not available (set KIOSK_REQUIRE_PCSCD=1 to fail instead)"))
struct LiveCardTests {}
