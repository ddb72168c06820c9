pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.impl
import Signalbox

// A menu item that shows its action's shortcut on the right, as desktop menus do (Qt Quick
// Controls 6.4 menus show none), in the theme's colours, never cut: AppMenu sizes itself to its
// widest item.
MenuItem {
    id: item

    readonly property string shortcutText: action ? KeySequences.nativeText(action.shortcut) : ""

    palette.text: Theme.text
    palette.windowText: Theme.text
    rightPadding: padding + (shortcutLabel.text !== "" ? shortcutLabel.implicitWidth + 32 : 0)
                  + (subMenu ? 20 : 0)

    Label {
        id: shortcutLabel
        anchors.right: parent.right
        anchors.rightMargin: item.padding + 4
        anchors.verticalCenter: parent.verticalCenter
        text: item.shortcutText
        color: item.highlighted ? Theme.selectionText : Theme.textMuted
        font.pixelSize: item.font.pixelSize
    }
}
