#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer) of EMRTD's parsers of card and scanner input and of
# USBDevices' parsers of device input (HID reports, ECR frames, printer status).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]    default: 60 s each of every target
#
# Builds the EMRTD module and its dependencies with `-sanitize=fuzzer,address` instrumentation
# into .build-fuzz (library targets only: SwiftPM cannot link an executable whose main is
# libFuzzer's), then links scripts/fuzz/main.swift against their object files with swiftc.
# Each target runs for SECONDS with its corpus in .build-fuzz/corpus/TARGET (kept between runs);
# a crash leaves its input in .build-fuzz/crashes/ and fails the script. KIOSK_FUZZ_SCRATCH sets
# another build folder; only the fuzzers of the requested targets are built.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PATH:/opt/swift/usr/bin

seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(tlv mrz qr dg13 cardAccess sod secureMessaging passiveAuthentication masterList certificate hid ecr printerStatus)
usb_targets=" hid ecr printerStatus "

scratch=${KIOSK_FUZZ_SCRATCH:-.build-fuzz}
flags=(-Xswiftc -sanitize=fuzzer,address)
release=$scratch/release
want_emrtd=0 want_usb=0
for target in "${targets[@]}"; do
    if [[ $usb_targets == *" $target "* ]]; then want_usb=1; else want_emrtd=1; fi
done

if ((want_emrtd)); then
swift build -c release --scratch-path "$scratch" --target EMRTD "${flags[@]}" >&2
objects=()
for module in EMRTD SmartCard KioskBase SwiftASN1 Logging; do
    objects+=("$release/$module.build"/*.o)
done
swiftc -O -sanitize=fuzzer,address -parse-as-library \
    -I "$release/Modules" -I "$release" -I Sources/CPCSCLite -I Sources/COpenSSL -I /usr/include/PCSC \
    -module-name EMRTDFuzz scripts/fuzz/main.swift "${objects[@]}" \
    -lcrypto -lpcsclite -o "$scratch/emrtd-fuzz" 2>"$scratch/link.log" || { cat "$scratch/link.log" >&2; exit 1; }
fi

if ((want_usb)); then
swift build -c release --scratch-path "$scratch" --target USBDevices "${flags[@]}" >&2
usb_objects=()
for module in USBDevices KioskBase Logging; do
    usb_objects+=("$release/$module.build"/*.o)
done
swiftc -O -sanitize=fuzzer,address -parse-as-library \
    -I "$release/Modules" -I "$release" -I Sources/CLibUSB -I /usr/include/libusb-1.0 -I Sources/CFreeType -I /usr/include/freetype2 \
    -module-name USBFuzz scripts/fuzz/usb-main.swift "${usb_objects[@]}" \
    -lusb-1.0 -lfreetype -o "$scratch/usb-fuzz" 2>"$scratch/usb-link.log" || { cat "$scratch/usb-link.log" >&2; exit 1; }
fi

mkdir -p "$scratch/crashes"
status=0
for target in "${targets[@]}"; do
    corpus=$scratch/corpus/$target
    mkdir -p "$corpus"
    # Seed inputs (valid structures the fuzzer mutates from), when the target has any.
    if [[ -d scripts/fuzz/seeds/$target ]]; then cp -n scripts/fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true; fi
    echo "== fuzz $target for ${seconds}s" >&2
    binary=$scratch/emrtd-fuzz
    [[ $usb_targets == *" $target "* ]] && binary=$scratch/usb-fuzz
    if ! EMRTD_FUZZ_TARGET=$target USB_FUZZ_TARGET=$target "$binary" -max_total_time="$seconds" -max_len=4096 \
        -artifact_prefix="$scratch/crashes/$target-" -print_final_stats=1 "$corpus" 2>"$scratch/$target.log"; then
        echo "fuzz $target: FAILED (see $scratch/$target.log and $scratch/crashes/)" >&2
        status=1
    else
        grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$scratch/$target.log" | tr '\n' ' ' >&2
        echo >&2
    fi
done
exit "$status"
