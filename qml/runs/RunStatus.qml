pragma Singleton
import QtQuick
import Signalbox

// Colours, icons and words for execution and state statuses, shared by Runs and Approvals.
// Accepts execution statuses ("RUNNING", "TIMED_OUT"...) and state statuses ("running",
// "retrying", "not reached"...) alike.
QtObject {
    function key(status: string): string {
        return status.toLowerCase().replace("_", " ")
    }
    function color(status: string): color {
        switch (key(status)) {
        case "running": return Theme.dark ? "#60a5fa" : "#2563eb"
        case "retrying": return Theme.dark ? "#fbbf24" : "#d97706"
        case "waiting": return Theme.dark ? "#a78bfa" : "#7c3aed"
        case "succeeded": return Theme.dark ? "#4ade80" : "#16a34a"
        case "failed": return Theme.dark ? "#f87171" : "#dc2626"
        case "timed out": return Theme.dark ? "#fb923c" : "#ea580c"
        case "cancelled": return Theme.dark ? "#9ca3af" : "#6b7280"
        }
        return Theme.textMuted
    }
    function icon(status: string): string {
        switch (key(status)) {
        case "running": return "M7 5 L18 12 L7 19 Z"
        case "retrying": return "M19 12 A7 7 0 1 1 16.5 6.6 M19 3.5 V8 H14.5"
        case "waiting": return "M12 3 A9 9 0 1 1 11.99 3 M12 7 V12 L15.5 14"
        case "succeeded": return "M5 12.5 L10 17.5 L19 7"
        case "failed": return "M6.5 6.5 L17.5 17.5 M17.5 6.5 L6.5 17.5"
        case "timed out": return "M12 3 A9 9 0 1 1 11.99 3 M12 7 V12 M12 15.5 V16"
        case "cancelled": return "M12 3 A9 9 0 1 1 11.99 3 M5.6 5.6 L18.4 18.4"
        }
        return "M12 8 A4 4 0 1 1 11.99 8"
    }
    function label(status: string): string {
        switch (key(status)) {
        case "running": return qsTr("Running")
        case "retrying": return qsTr("Retrying")
        case "waiting": return qsTr("Waiting")
        case "succeeded": return qsTr("Succeeded")
        case "failed": return qsTr("Failed")
        case "timed out": return qsTr("Timed out")
        case "cancelled": return qsTr("Cancelled")
        case "pending": return qsTr("Pending") // a map item not started yet
        }
        return qsTr("Not reached")
    }
    function isActive(status: string): bool {
        const k = key(status)
        return k === "running" || k === "waiting" || k === "retrying"
    }
    // "3 min ago" style ages for lists.
    function age(from: date, now: real): string {
        const s = Math.max(0, Math.floor((now - from.getTime()) / 1000))
        if (s < 5) return qsTr("just now")
        if (s < 60) return qsTr("%n s ago", "seconds", s)
        if (s < 3600) return qsTr("%n min ago", "minutes", Math.floor(s / 60))
        if (s < 86400) return qsTr("%n h ago", "hours", Math.floor(s / 3600))
        return qsTr("%n day(s) ago", "", Math.floor(s / 86400))
    }
}
