pragma Singleton
import QtQuick

// Colours and sizes for the whole application. Light or dark is derived from the system palette
// (Qt 6.4 has no colour-scheme query) and can be toggled by the user.
QtObject {
    id: theme

    property SystemPalette systemPalette: SystemPalette {
        colorGroup: SystemPalette.Active
    }
    property bool dark: systemPalette.window.hslLightness < 0.5

    readonly property color window: dark ? "#16191e" : "#f3f4f6"
    readonly property color panel: dark ? "#1e2228" : "#ffffff"
    readonly property color panelAlt: dark ? "#262b33" : "#f7f8fa"
    readonly property color rail: dark ? "#111317" : "#1f2937"
    readonly property color railText: "#e5e7eb"
    readonly property color railActive: "#3b82f6"
    readonly property color border: dark ? "#343a44" : "#dde1e6"
    readonly property color text: dark ? "#e8eaed" : "#1f2328"
    readonly property color textMuted: dark ? "#9aa0a8" : "#5f6b7a"
    readonly property color accent: dark ? "#60a5fa" : "#2563eb"
    readonly property color canvas: dark ? "#15181d" : "#f7f8fa"
    readonly property color canvasDot: dark ? "#2f353f" : "#d3d8df"
    readonly property color nodeFill: dark ? "#23272f" : "#ffffff"
    readonly property color nodeBorder: dark ? "#3a404b" : "#c9ced6"
    readonly property color selection: dark ? "#60a5fa" : "#2563eb"
    readonly property color edge: dark ? "#8b93a1" : "#7a8696"
    readonly property color edgeCatch: "#dc2626"
    readonly property color error: dark ? "#f87171" : "#dc2626"
    readonly property color warning: dark ? "#fbbf24" : "#b45309"
    readonly property color success: "#16a34a"
    readonly property color code: dark ? "#1a1d22" : "#fbfbfc"

    readonly property int radius: 8
    readonly property int spacing: 8
    readonly property int fontSize: 13
    readonly property int smallFontSize: 11
    readonly property string monoFont: "DejaVu Sans Mono"

    readonly property var stateTypes: [
        { type: "task", label: "Task", hint: "Run a command, call HTTP, or wait for a worker" },
        { type: "choice", label: "Choice", hint: "Branch on the data" },
        { type: "wait", label: "Wait", hint: "Pause for a time" },
        { type: "wait_for_event", label: "Approval", hint: "Wait for a person or an event" },
        { type: "parallel", label: "Parallel", hint: "Run branches at the same time" },
        { type: "map", label: "Map", hint: "Run steps for each item" },
        { type: "pass", label: "Pass", hint: "Shape the data" },
        { type: "succeed", label: "Succeed", hint: "End successfully" },
        { type: "fail", label: "Fail", hint: "End with an error" }
    ]

    function typeColor(type: string): color {
        switch (type) {
        case "task": return "#2563eb"
        case "choice": return "#d97706"
        case "wait": return "#0d9488"
        case "wait_for_event": return "#7c3aed"
        case "parallel": return "#4f46e5"
        case "map": return "#0891b2"
        case "succeed": return "#16a34a"
        case "fail": return "#dc2626"
        }
        return "#64748b"
    }

    // 24×24 stroke icons as SVG paths.
    function typeIcon(type: string): string {
        switch (type) {
        case "task": return "M4 5 H20 V19 H4 Z M7.5 9.5 L10.5 12 L7.5 14.5 M12.5 15 H16.5"
        case "choice": return "M12 3 L21 12 L12 21 L3 12 Z"
        case "wait": return "M12 3 A9 9 0 1 1 11.99 3 M12 7 V12 L15.5 14"
        case "wait_for_event": return "M12 4 A4 4 0 1 1 11.99 4 M4.5 21 C4.5 16 8 14 12 14 C16 14 19.5 16 19.5 21"
        case "parallel": return "M4 5 H20 M4 19 H20 M8.5 8 V16 M15.5 8 V16"
        case "map": return "M8 4 H20 V16 M4 8 H16 V20 H4 Z"
        case "pass": return "M4 12 H18 M13 7 L18 12 L13 17"
        case "succeed": return "M5 12.5 L10 17.5 L19 7"
        case "fail": return "M6.5 6.5 L17.5 17.5 M17.5 6.5 L6.5 17.5"
        }
        return "M4 4 H20 V20 H4 Z"
    }

    function typeLabel(type: string): string {
        for (let i = 0; i < stateTypes.length; ++i)
            if (stateTypes[i].type === type)
                return stateTypes[i].label
        return type
    }
}
