pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Signalbox

// A menu in the theme's colours that is as wide as its widest item (Qt Quick Controls 6.4 menus
// keep a fixed width and cut longer text), up to `maxWidth`.
Menu {
    id: menu

    property real maxWidth: 640

    function fitWidth() {
        let widest = 200
        for (let i = 0; i < count; ++i) {
            const entry = itemAt(i)
            if (entry)
                widest = Math.max(widest, entry.implicitWidth)
        }
        width = Math.min(maxWidth, widest + leftPadding + rightPadding)
    }

    palette.window: Theme.panel
    palette.base: Theme.panel
    palette.text: Theme.text
    palette.windowText: Theme.text
    palette.button: Theme.panel
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.selectionText
    palette.mid: Theme.border
    palette.dark: Theme.border
    palette.light: Theme.panel
    onAboutToShow: fitWidth()
}
