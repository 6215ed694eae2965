/// How the store's figures are measured (issue targets: ≥ 5,000 durable enqueues per second,
/// a 100,000-record backlog claimed and acknowledged quickly).
///
/// `Tests/StoreTests/EnqueueTiming.swift` holds a timing run that prints, and never asserts:
/// enqueues with one transaction each, enqueues batched 100 per transaction, and the drain of
/// the backlog through ``Outbox/claim(limit:)`` and ``Outbox/markAcked(_:)`` at batch sizes
/// 1, 50, 100 and 500. It runs only when `STORE_TIMING=1` is set; use a release build (debug
/// figures are several times lower):
///
///     swift build -c release --build-tests -Xswiftc -enable-testing --scratch-path .build-bench
///     STORE_TIMING=1 swift test -c release --skip-build --scratch-path .build-bench \
///         --filter StoreTests.EnqueueTiming
///
/// Figures depend on the disk: `synchronous=FULL` makes every commit wait for fsync, which is
/// the point. A benchmark executable, when one is added, should run the same steps.
enum Benchmarking {}
