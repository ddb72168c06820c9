pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Signalbox

// Every dialog of the app: centred in the window (not in the page that declares it), modal with
// the window dimmed behind it, a bordered panel with a shadow, and a title with room around it.
// The Fusion style's own Dialog is a flat box placed in its parent item with no dimming, which
// read as part of the page. The dim is defined here, the one place that uses it.
Dialog {
    id: dialog

    parent: Overlay.overlay
    anchors.centerIn: parent
    modal: true
    // The keyboard goes into the dialog (Tab moves between its controls, Escape closes it),
    // and the move of focus is what makes assistive technology notice the dialog.
    focus: true
    padding: 16
    topPadding: 8

    Overlay.modal: Rectangle {
        color: Theme.dark ? Qt.rgba(0, 0, 0, 0.55) : Qt.rgba(0.06, 0.09, 0.16, 0.35)
    }

    background: Rectangle {
        color: Theme.panel
        border.color: Theme.border
        radius: 6
        // A soft shadow: two translucent outlines outside the panel.
        Rectangle {
            z: -1
            anchors.fill: parent
            anchors.margins: -2
            radius: 8
            color: "transparent"
            border.width: 2
            border.color: Qt.rgba(0, 0, 0, Theme.dark ? 0.35 : 0.10)
        }
        Rectangle {
            z: -2
            anchors.fill: parent
            anchors.margins: -5
            radius: 11
            color: "transparent"
            border.width: 3
            border.color: Qt.rgba(0, 0, 0, Theme.dark ? 0.2 : 0.05)
        }
    }

    header: Label {
        visible: dialog.title !== ""
        text: dialog.title
        elide: Label.ElideRight
        font.bold: true
        font.pixelSize: Math.round(Theme.fontSize * 1.15)
        color: Theme.text
        leftPadding: 16
        rightPadding: 16
        topPadding: 14
        bottomPadding: 4
    }
}
