#!/usr/bin/python3
# Simulated USB peripherals behind the real libusb code path: umockdev fakes sysfs and usbdevfs,
# and an interactive ioctl handler per device (UMockdev.IoctlBase) answers the URBs libusb submits.
#
#   umockdev-wrapper /usr/bin/python3 scripts/usb-sim/usb_sim.py SCENARIO.json -- COMMAND [ARG...]
#
# The scenario names the devices to plug in and, per device, what it does: "actions" at "at_ms"
# milliseconds after the start or, with "after": "claim", after the device is first claimed (push
# IN reports, stall, unplug, replug, change the printer status); see Tests/USBDevicesTests and the
# usb benchmark. COMMAND runs with the testbed
# (LD_PRELOAD and UMOCKDEV_DIR inherited); its standard output is passed through. At the end a
# transcript (JSON: every OUT transfer, control request and event with CLOCK_MONOTONIC times) is
# written to the scenario's "transcript" path. Exit status: COMMAND's.
# "timeout_s" (default 30) ends COMMAND; with "interactive": true, Ctrl-C is left to COMMAND.
import errno, json, os, signal, struct, subprocess, sys, time

import gi
gi.require_version('UMockdev', '1.0')
from gi.repository import GLib, UMockdev

# usbdevfs ioctl numbers (linux/usbdevice_fs.h, x86-64).
CONTROL, SETINTERFACE, SETCONFIGURATION, GETDRIVER = 0xC0185500, 0x80085504, 0x80045505, 0x41045508
SUBMITURB, DISCARDURB, REAPURB, REAPURBNDELAY = 0x8038550A, 0x0000550B, 0x4008550C, 0x4008550D
CLAIMINTERFACE, RELEASEINTERFACE, IOCTL, CLEAR_HALT = 0x8004550F, 0x80045510, 0xC0105512, 0x80045515
RESET, GET_CAPABILITIES, DISCONNECT_CLAIM = 0x00005514, 0x8004551A, 0x8108551B
URB_SIZE, BUFFER_OFFSET = 56, 16

transcript = {'events': []}


def note(kind, **fields):
    fields.update(kind=kind, t=time.monotonic())
    transcript['events'].append(fields)


def descriptors(vid, pid, interfaces, serial_index=0):
    """Device + configuration descriptors; interfaces = [(class, subclass, protocol, [(addr, type, size)])]."""
    body = b''
    for number, (cls, sub, proto, eps) in enumerate(interfaces):
        body += struct.pack('<BBBBBBBBB', 9, 4, number, 0, len(eps), cls, sub, proto, 0)
        for address, kind, size in eps:
            body += struct.pack('<BBBBHB', 7, 5, address, kind, size, 1 if kind == 3 else 0)
    config = struct.pack('<BBHBBBBB', 9, 2, 9 + len(body), len(interfaces), 1, 0, 0x80, 50) + body
    device = struct.pack('<BBHBBBBHHHBBBB', 18, 1, 0x0200, 0, 0, 0, 64, vid, pid, 0x0100, 1, 2, serial_index, 1)
    return device + config


# Device kinds: ids and interfaces as the real models present them (hardware-docs pages).
KINDS = {
    'scanner-hidpos': (0x1EAB, 0x1D10, [(3, 0, 0, [(0x81, 3, 64), (0x02, 3, 64)])]),
    'scanner-keyboard': (0x1EAB, 0x1D03, [(3, 1, 1, [(0x81, 3, 8)])]),
    'scanner-cdc': (0x1EAB, 0x1D06, [(2, 2, 1, [(0x83, 3, 8)]), (10, 0, 0, [(0x82, 2, 64), (0x02, 2, 64)])]),
    'printer': (0x04B8, 0x0E28, [(7, 1, 2, [(0x81, 2, 64), (0x02, 2, 64)])]),
    'terminal': (0x11CA, 0x0220, [(2, 2, 1, [(0x83, 3, 8)]), (10, 0, 0, [(0x82, 2, 64), (0x02, 2, 64)])]),
    'unknown': (0x1234, 0x5678, [(255, 0, 0, [(0x81, 2, 64)])]),
    'cdc-unlisted': (0x1234, 0x0001, [(2, 2, 1, [(0x83, 3, 8)]), (10, 0, 0, [(0x82, 2, 64), (0x02, 2, 64)])]),
}


def lrc(message):
    value = 0x03
    for b in message:
        value ^= b
    return value


class Device(UMockdev.IoctlBase):
    """One simulated device: usbdevfs semantics plus the behaviour of its kind."""

    def __init__(self, sim, spec, number):
        super().__init__()
        self.sim, self.spec, self.number = sim, spec, number
        self.kind = spec['kind']
        self.vid, self.pid, self.interfaces = KINDS[self.kind]
        self.name = spec.get('name', self.kind)
        self.devnode = '/dev/bus/usb/001/%03d' % number
        self.syspath = None
        self.in_urbs = []       # (urb data, buffer data, endpoint, length), oldest first
        self.done = []          # urb data ready to reap
        self.in_queue = {}      # endpoint -> [bytes]
        self.gone = False
        self.claimed = False
        self.answer = None      # terminal: the answer message
        self.stage = 'idle'
        # Kernel driver bound to every interface until the process detaches it ("usbhid", "usblp", "cdc_acm").
        self.kernel_driver = {n: spec['kernel_driver'] for n in range(len(self.interfaces))} if spec.get('kernel_driver') else {}

    # --- plugging -----------------------------------------------------------------------------
    def plug(self):
        desc = descriptors(self.vid, self.pid, self.interfaces, 3 if self.spec.get('serial') else 0).hex().upper()
        path = '/devices/pci0000:00/0000:00:14.0/usb1/1-%d' % self.number
        record = '\n'.join([
            'P: ' + path, 'N: bus/usb/001/%03d=%s' % (self.number, desc), 'E: DEVNAME=' + self.devnode,
            'E: DEVTYPE=usb_device', 'E: SUBSYSTEM=usb', 'E: BUSNUM=001', 'E: DEVNUM=%03d' % self.number,
            'A: busnum=1', 'A: devnum=%d' % self.number, 'A: speed=12', 'A: bConfigurationValue=1',
            'A: idVendor=%04x' % self.vid, 'A: idProduct=%04x' % self.pid, 'H: descriptors=' + desc, ''])
        # The handler first: adding the device sends the udev "add" event, and the process under
        # test may open the node at once.
        self.sim.testbed.attach_ioctl(self.devnode, self)
        self.sim.testbed.add_from_string(record)
        self.syspath = '/sys' + path
        note('plug', device=self.name, devnode=self.devnode)

    def unplug(self):
        """Gone: transfers in flight end with ENODEV, later ioctls fail with ENODEV."""
        self.gone = True
        for urb, _, endpoint, _ in self.in_urbs:
            urb.update(4, list(struct.pack('<i', -errno.ENODEV)))
            self.done.append(urb)
        self.in_urbs = []
        self.sim.testbed.uevent(self.syspath, 'remove')
        note('unplug', device=self.name)

    def remove(self):
        self.sim.testbed.remove_device(self.syspath)

    # --- device side --------------------------------------------------------------------------
    def push(self, endpoint, data):
        self.in_queue.setdefault(endpoint, []).append(bytes(data))
        note('in', device=self.name, endpoint=endpoint, data=bytes(data).hex())
        self.complete_ins()

    def complete_ins(self):
        remaining = []
        for urb, buf, endpoint, length in self.in_urbs:
            queue = self.in_queue.get(endpoint)
            if queue:
                data = queue.pop(0)
                if len(data) > length:
                    queue.insert(0, data[length:])
                    data = data[:length]
                if data:
                    buf.update(0, list(data))
                urb.update(4, list(struct.pack('<i', 0)))
                urb.update(28, list(struct.pack('<i', len(data))))
                self.done.append(urb)
            else:
                remaining.append((urb, buf, endpoint, length))
        self.in_urbs = remaining

    def received(self, endpoint, data):
        note('out', device=self.name, endpoint=endpoint, data=data.hex())
        if self.kind == 'printer':
            self.printer(data)
        elif self.kind == 'terminal':
            self.terminal(data)
        for action in self.spec.get('on_out', []):
            if action.get('after_out_bytes') is not None:
                total = sum(len(bytes.fromhex(e['data'])) for e in transcript['events'] if e['kind'] == 'out' and e.get('device') == self.name)
                if total >= action['after_out_bytes'] and not action.get('done'):
                    action['done'] = True
                    self.sim.run_action(self, action)

    def printer(self, data):
        status = self.spec.get('status', {})
        i = 0
        while i + 2 < len(data) + 1:
            if data[i:i + 2] == b'\x10\x04' and i + 2 < len(data):
                n = data[i + 2]
                byte = 0x12
                if n == 1 and (status.get('cover_open') or status.get('paper_end')):
                    byte |= 0x08
                if n == 2 and status.get('cover_open'):
                    byte |= 0x04
                if n == 4 and status.get('paper_near_end'):
                    byte |= 0x0C
                if n == 4 and status.get('paper_end'):
                    byte |= 0x60
                if not self.spec.get('mute_status'):
                    self.push(0x81, [byte])
                i += 3
            else:
                i += 1

    def terminal(self, data):
        # Concert Protocol E peer: ACK the ECR's ENQ and frame; after its EOT, send the answer.
        outcome = {'approved': '0', 'rejected': '7', 'not-verified': '9'}[self.spec.get('outcome', 'approved')]
        for b in data:
            if self.stage == 'frame':
                self.frame.append(b)
                if len(self.frame) >= 2 and self.frame[-2] == 0x03:
                    message = bytes(self.frame[1:-2])
                    if lrc(message) == self.frame[-1]:
                        note('terminal-request', device=self.name, message=message.decode('ascii', 'replace'))
                        text = message.decode('ascii')
                        report = 'UMOCKDEV TERMINAL'.ljust(55)
                        self.answer = (text[0:2] + outcome + text[2:10] + '1' + report + text[13:16] + text[16:26]).encode('ascii')
                        self.push(0x82, [0x06])
                    else:
                        self.push(0x82, [0x15])
                    self.stage = 'idle'
                continue
            if b == 0x05:
                self.push(0x82, [0x06])
            elif b == 0x02:
                self.stage, self.frame = 'frame', bytearray([b])
            elif b == 0x04 and self.answer is not None:
                if self.spec.get('unplug_before_answer'):
                    GLib.timeout_add(50, lambda: (self.unplug(), False)[1])
                    continue
                self.push(0x82, [0x05])
                self.stage = 'answer-offered'
            elif b == 0x06 and self.stage == 'answer-offered':
                self.push(0x82, [0x02] + list(self.answer) + [0x03, lrc(self.answer)])
                self.stage = 'answer-sent'
            elif b == 0x06 and self.stage == 'answer-sent':
                self.push(0x82, [0x04])
                self.answer, self.stage = None, 'idle'

    def control_in(self, setup):
        """Data stage of a control IN request: string descriptors (language table, serial number)."""
        request_type, request, value = setup[0], setup[1], struct.unpack_from('<H', setup, 2)[0]
        if request_type == 0x80 and request == 6 and value >> 8 == 3:
            index = value & 0xFF
            if index == 0:
                return bytes([4, 3, 0x09, 0x04])  # en-US
            if index == 3 and self.spec.get('serial'):
                text = self.spec['serial'].encode('utf-16-le')
                return bytes([2 + len(text), 3]) + text
        return b''

    # --- usbdevfs -----------------------------------------------------------------------------
    def do_handle_ioctl(self, client):
        request = client.get_request()
        arg = client.get_arg()
        if os.environ.get('USB_SIM_DEBUG'):
            print('usb-sim: %s ioctl 0x%x' % (self.devnode, request), file=sys.stderr)
        if self.gone and request not in (REAPURB, REAPURBNDELAY, DISCARDURB):
            client.complete(-1, errno.ENODEV)
            return True
        if request == GET_CAPABILITIES:
            arg.resolve(0, 4).update(0, list(struct.pack('<I', 0x1 | 0x2 | 0x4 | 0x8 | 0x10)))
            client.complete(0, 0)
        elif request == CLAIMINTERFACE:
            interface = struct.unpack('<I', bytes(arg.resolve(0, 4).retrieve()))[0]
            if interface in self.kernel_driver:
                note('claim-refused', device=self.name, interface=interface, driver=self.kernel_driver[interface])
                client.complete(-1, errno.EBUSY)  # as the kernel: a bound driver holds the interface
            else:
                note('claim', device=self.name, interface=interface)
                if not self.claimed:
                    self.claimed = True
                    self.sim.schedule(self, after='claim')
                client.complete(0, 0)
        elif request == RELEASEINTERFACE:
            note('release', device=self.name, interface=struct.unpack('<I', bytes(arg.resolve(0, 4).retrieve()))[0])
            client.complete(0, 0)
        elif request == IOCTL:
            # struct usbdevfs_ioctl { int ifno; int ioctl_code; void *data; }
            ifno, code = struct.unpack('<ii', bytes(arg.resolve(0, 16).retrieve())[:8])
            if code == 0x5516:  # USBDEVFS_DISCONNECT: detach the kernel driver
                note('detach', device=self.name, interface=ifno, driver=self.kernel_driver.pop(ifno, None))
                client.complete(0, 0)
            elif code == 0x5517:  # USBDEVFS_CONNECT: let the kernel driver bind again
                self.kernel_driver[ifno] = self.spec.get('kernel_driver', 'usbhid')
                note('attach', device=self.name, interface=ifno)
                client.complete(0, 0)
            else:
                client.complete(-1, errno.ENOTTY)
        elif request in (SETINTERFACE, SETCONFIGURATION, CLEAR_HALT, RESET, DISCONNECT_CLAIM):
            client.complete(0, 0)
        elif request == GETDRIVER:
            # struct usbdevfs_getdriver { unsigned int interface; char driver[256]; }
            data = arg.resolve(0, 260)
            interface = struct.unpack('<I', bytes(data.retrieve())[:4])[0]
            if self.spec.get('getdriver_error'):
                client.complete(-1, errno.ENOTTY)  # what umockdev's own handlers answer
            elif interface in self.kernel_driver:
                name = self.kernel_driver[interface].encode() + b'\0'
                data.update(4, list(name))
                client.complete(0, 0)
            else:
                client.complete(-1, errno.ENODATA)  # no kernel driver bound
        elif request == SUBMITURB:
            urb = arg.resolve(0, URB_SIZE)
            raw = bytes(urb.retrieve())
            kind, endpoint = raw[0], raw[1]
            length = struct.unpack_from('<i', raw, 24)[0]
            buf = urb.resolve(BUFFER_OFFSET, length) if length > 0 else None
            if kind == 2:  # control: setup packet + data stage
                data = bytes(buf.retrieve()) if buf else b''
                note('control', device=self.name, setup=data[:8].hex(), data=data[8:].hex())
                answer = self.control_in(data[:8]) if data[0] & 0x80 else b''
                answer = answer[:max(0, length - 8)]
                if answer:
                    buf.update(8, list(answer))
                urb.update(4, list(struct.pack('<i', 0)))
                urb.update(28, list(struct.pack('<i', len(answer) if data[0] & 0x80 else length - 8)))
                self.done.append(urb)
            elif endpoint & 0x80:
                self.in_urbs.append((urb, buf, endpoint, length))
                self.complete_ins()
            else:
                data = bytes(buf.retrieve()) if buf else b''
                urb.update(4, list(struct.pack('<i', 0)))
                urb.update(28, list(struct.pack('<i', length)))
                self.done.append(urb)
                self.received(endpoint, data)
            client.complete(0, 0)
        elif request in (REAPURB, REAPURBNDELAY):
            if self.done:
                arg.resolve(0, 8).set_ptr(0, self.done.pop(0))
                client.complete(0, 0)
            else:
                client.complete(-1, errno.ENODEV if self.gone else errno.EAGAIN)
        elif request == DISCARDURB:
            address = struct.unpack('<Q', bytes(arg.retrieve())[:8])[0]
            for i, (urb, _, _, _) in enumerate(self.in_urbs):
                if urb.client_addr == address:
                    urb.update(4, list(struct.pack('<i', -errno.ENOENT)))
                    self.done.append(urb)
                    del self.in_urbs[i]
                    client.complete(0, 0)
                    return True
            client.complete(-1, errno.EINVAL)
        else:
            client.complete(-1, errno.ENOTTY)
        return True


class Simulation:
    def __init__(self, scenario):
        self.scenario = scenario
        self.testbed = UMockdev.Testbed.new()
        self.devices = {}
        self.next_number = 2

    def device(self, spec):
        device = Device(self, spec, self.next_number)
        self.next_number += 1
        self.devices[device.name] = device
        return device

    def run_action(self, device, action):
        what = action['do']
        if what == 'push':
            for report in action['reports']:
                device.push(action.get('endpoint', 0x81), bytes.fromhex(report))
        elif what == 'unplug':
            device.unplug()
        elif what == 'replug':
            device.remove()
            spec = dict(device.spec, on_out=[], actions=[a for a in device.spec.get('after_replug', [])])
            again = self.device(spec)
            again.plug()
            self.schedule(again)
        elif what == 'status':
            device.spec['status'] = action['status']
        elif what == 'stall':
            # The endpoint stalls: IN transfers in flight end with EPIPE.
            for urb, _, endpoint, _ in device.in_urbs:
                urb.update(4, list(struct.pack('<i', -errno.EPIPE)))
                device.done.append(urb)
            device.in_urbs = []
            note('stall', device=device.name)

    def schedule(self, device, after=None):
        """Runs the device's actions at their at_ms: from the start (plug), or, for actions with
        "after": "claim", from the first time the process under test claims the device."""
        for action in device.spec.get('actions', []):
            if action.get('after') == after:
                GLib.timeout_add(int(action.get('at_ms', 0)), lambda a=action, d=device: (self.run_action(d, a), False)[1])


def main():
    split = sys.argv.index('--')
    scenario = json.load(open(sys.argv[1]))
    command = sys.argv[split + 1:]
    sim = Simulation(scenario)
    for spec in scenario.get('devices', []):
        sim.device(spec).plug()
    loop = GLib.MainLoop()
    if scenario.get('interactive'):
        # Ctrl-C reaches the command too (same process group): let it stop, then end with it.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    child = subprocess.Popen(command)
    note('started', pid=child.pid)
    for device in list(sim.devices.values()):
        sim.schedule(device)
    deadline = time.monotonic() + scenario.get('timeout_s', 30)

    def check():
        if child.poll() is not None:
            loop.quit()
            return False
        if time.monotonic() > deadline:
            note('timeout')
            child.terminate()
        return True
    GLib.timeout_add(5, check)
    loop.run()
    note('exited', status=child.returncode)
    if scenario.get('transcript'):
        with open(scenario['transcript'], 'w') as out:
            json.dump(transcript, out)
    sys.exit(child.returncode if child.returncode >= 0 else 128 - child.returncode)


if __name__ == '__main__':
    main()
