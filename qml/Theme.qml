pragma Singleton
import QtQuick
import Signalbox.Models

// Colours and sizes for the whole application. `mode` "system" follows the desktop's colour
// scheme live (the main window binds `desktopDark` to DesktopAppearance); "light" and "dark" are
// the user's choice (View ▸ Theme), remembered across starts.
QtObject {
    id: theme

    property string mode: "system"
    property bool desktopDark: false
    readonly property bool dark: mode === "dark" || (mode === "system" && desktopDark)

    // The diagram's colours live in C++ (models/diagramstyle.cpp), shared with the PNG/SVG
    // export. State types (their colours, icons and labels) are the StateTypes singleton's.
    readonly property var diagram: DiagramStyle.palette(dark)

    readonly property color window: dark ? "#16191e" : "#f3f4f6"
    readonly property color panel: dark ? "#1e2228" : "#ffffff"
    readonly property color panelAlt: dark ? "#262b33" : "#f7f8fa"
    readonly property color rail: dark ? "#111317" : "#1f2937"
    readonly property color railText: "#e5e7eb"
    readonly property color railActive: "#3b82f6"
    readonly property color border: dark ? "#343a44" : "#dde1e6"
    readonly property color text: diagram.text
    readonly property color textMuted: diagram.textMuted
    readonly property color accent: dark ? "#60a5fa" : "#2563eb"
    readonly property color canvas: diagram.canvas
    readonly property color canvasDot: diagram.canvasDot
    readonly property color nodeFill: diagram.nodeFill
    readonly property color nodeBorder: diagram.nodeBorder
    readonly property color selection: dark ? "#60a5fa" : "#2563eb"
    readonly property color selectionText: dark ? "#0b1220" : "#ffffff"
    readonly property color edge: diagram.edge
    readonly property color edgeCatch: diagram.edgeCatch
    readonly property color error: dark ? "#f87171" : "#dc2626"
    readonly property color warning: dark ? "#fbbf24" : "#b45309"
    readonly property color success: diagram.success
    readonly property color code: dark ? "#1a1d22" : "#fbfbfc"

    readonly property int radius: 8
    readonly property int spacing: 8
    // The desktop's text size in pixels (the main window binds it to the application font):
    // the interface's text follows it; the diagram keeps its own sizes (node geometry and the
    // PNG/SVG export depend on them).
    property int textSize: 13
    // A size designed at 13 px text, scaled to the desktop's text size.
    function textPixels(designed: int): int {
        return Math.max(9, Math.round(designed * textSize / 13))
    }
    readonly property int fontSize: DiagramStyle.fontSize
    readonly property int smallFontSize: DiagramStyle.smallFontSize
    readonly property string monoFont: DiagramStyle.monoFamily
}
