import Foundation

/// This process's resident memory, from Linux's `/proc/self` (nil elsewhere).
public enum ProcessMemory {
    /// The resident set now and its peak (the kernel's high-water mark), in bytes.
    public static func read() -> (current: Int, peak: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        var current: Int?, peak: Int?
        for line in status.split(separator: "\n") {
            if line.hasPrefix("VmRSS:") { current = kibibytes(line) }
            if line.hasPrefix("VmHWM:") { peak = kibibytes(line) }
        }
        guard let current, let peak else { return nil }
        return (current * 1024, peak * 1024)
    }

    /// Lowers the high-water mark to the current resident set (writing 5 to
    /// `/proc/self/clear_refs`, Linux 4.0 and later), so a later `read()` gives the peak
    /// since this call. Returns whether the kernel took it.
    @discardableResult
    public static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }

    /// The resident set now, in MiB (0 where `/proc` is not available).
    public static func residentMegabytes() -> Double { Double(read()?.current ?? 0) / (1024 * 1024) }

    /// The peak resident set of this process so far, in MiB (`getrusage`'s `ru_maxrss`, which the
    /// kernel updates lazily: a sample of `residentMegabytes()` taken later can exceed it).
    public static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024  // ru_maxrss is in KiB on Linux
    }

    private static func kibibytes(_ line: Substring) -> Int? {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
    }
}
