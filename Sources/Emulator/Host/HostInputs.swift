import CHost
import Glibc

/// The one place through which non-deterministic inputs from the host reach the guest
/// (timestamp counter, clocks, random bytes). Recording and replay (reverse execution) will hook
/// in here; nothing else in the emulator may read these host sources on the guest's behalf.
public enum HostInputs {
    public static func timestampCounter() -> UInt64 { host_rdtsc() }

    public static func clock(_ id: clockid_t) -> timespec? {
        var ts = timespec()
        return clock_gettime(id, &ts) == 0 ? ts : nil
    }

    public static func randomBytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = out.withUnsafeMutableBytes { host_syscall6(318 /* getrandom */, Int(bitPattern: $0.baseAddress! + filled), count - filled, 0, 0, 0, 0) }
            if n > 0 { filled += n }
        }
        return out
    }
}
