pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// What happened in one state of the selected execution: status, visits, input, output, error
// and cause, and every attempt with its times, exit code, stdout and stderr. All copyable. For a
// state inside a map or parallel state with an iteration picked, that iteration's details.
ScrollView {
    id: inspector

    required property HistoryModel history
    property string stateName
    // Re-read whenever the history grows.
    readonly property var details: stateName !== "" && history.count >= 0 && history.stateStatus
                                   ? history.stepDetails(stateName) : ({})

    signal completeRequested(string state)

    objectName: "stepInspector"
    contentWidth: availableWidth
    clip: true

    ColumnLayout {
        width: inspector.availableWidth - 16
        x: 8
        spacing: 10

        Label {
            visible: inspector.stateName === ""
            Layout.fillWidth: true
            Layout.topMargin: 16
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: qsTr("Click a state on the diagram or in the history to inspect it.")
            color: Theme.textMuted
        }

        RowLayout {
            visible: inspector.stateName !== ""
            Layout.topMargin: 8
            spacing: 8
            Label {
                text: inspector.stateName
                font.bold: true
                font.pixelSize: Theme.textPixels(15)
                color: Theme.text
            }
            StatusChip {
                status: inspector.details.status ?? ""
            }
            // The iteration picked on the diagram that these details are of.
            Rectangle {
                objectName: "stepScope"
                visible: (inspector.details.scope ?? "") !== ""
                implicitWidth: scopeLabel.implicitWidth + 16
                implicitHeight: 20
                radius: 10
                color: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b,
                               Theme.dark ? 0.22 : 0.10)
                Label {
                    id: scopeLabel
                    anchors.centerIn: parent
                    text: inspector.details.scope ?? ""
                    font.pixelSize: Theme.smallFontSize
                    font.bold: true
                    color: Theme.accent
                }
                HoverHandler { id: scopeHover }
                ToolTip.visible: scopeHover.hovered
                ToolTip.text: qsTr("Only this iteration (picked on the diagram)")
            }
            Label {
                visible: (inspector.details.visits ?? 0) > 1
                text: qsTr("entered %n time(s)", "", inspector.details.visits ?? 0)
                color: Theme.textMuted
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "completeActivityButton"
                visible: inspector.details.activity === true
                text: qsTr("Complete…")
                onClicked: inspector.completeRequested(inspector.stateName)
            }
        }

        Rectangle {
            visible: (inspector.details.error ?? "") !== ""
            Layout.fillWidth: true
            implicitHeight: errorColumn.implicitHeight + 16
            radius: 6
            color: Qt.rgba(Theme.error.r, Theme.error.g, Theme.error.b, 0.10)
            border.color: Theme.error
            ColumnLayout {
                id: errorColumn
                anchors.fill: parent
                anchors.margins: 8
                Label {
                    objectName: "stepError"
                    Layout.fillWidth: true
                    text: inspector.details.error ?? ""
                    font.bold: true
                    color: Theme.error
                    wrapMode: Text.Wrap
                }
                TextEdit {
                    Layout.fillWidth: true
                    text: inspector.details.cause ?? ""
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Cause: %1").arg(text)
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.Wrap
                    color: Theme.text
                    font.pixelSize: Theme.fontSize
                }
            }
        }

        CopyableText {
            Layout.fillWidth: true
            title: qsTr("Input")
            text: inspector.details.input ?? ""
        }
        CopyableText {
            Layout.fillWidth: true
            title: qsTr("Output")
            text: inspector.details.output ?? ""
        }

        Label {
            visible: (inspector.details.attempts ?? []).length > 0
            text: qsTr("Attempts")
            font.bold: true
            color: Theme.text
        }
        Repeater {
            model: inspector.details.attempts ?? []
            delegate: Rectangle {
                id: attemptCard
                required property var modelData
                Layout.fillWidth: true
                implicitHeight: attemptColumn.implicitHeight + 16
                radius: 6
                color: Theme.panelAlt
                border.color: Theme.border
                ColumnLayout {
                    id: attemptColumn
                    anchors.fill: parent
                    anchors.margins: 8
                    spacing: 4
                    RowLayout {
                        spacing: 8
                        Label {
                            text: qsTr("Attempt %1").arg(attemptCard.modelData.attempt)
                            font.bold: true
                            color: Theme.text
                        }
                        StatusChip {
                            status: attemptCard.modelData.outcome ?? ""
                        }
                        Label {
                            text: (attemptCard.modelData.started ?? attemptCard.modelData.scheduled ?? "")
                                  + (attemptCard.modelData.duration ? " · " + attemptCard.modelData.duration : "")
                                  + (attemptCard.modelData.exitCode === undefined ? ""
                                     : attemptCard.modelData.http
                                     ? " · " + qsTr("HTTP %1").arg(attemptCard.modelData.exitCode)
                                     : " · " + qsTr("exit code %1").arg(attemptCard.modelData.exitCode))
                            color: Theme.textMuted
                            font.pixelSize: Theme.smallFontSize
                        }
                    }
                    Label {
                        visible: (attemptCard.modelData.error ?? "") !== ""
                        Layout.fillWidth: true
                        text: (attemptCard.modelData.error ?? "") + ": " + (attemptCard.modelData.cause ?? "")
                        color: Theme.error
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.smallFontSize
                    }
                    CopyableText {
                        Layout.fillWidth: true
                        title: attemptCard.modelData.http ? qsTr("Response body") : qsTr("stdout")
                        text: attemptCard.modelData.stdout ?? ""
                        maxHeight: 120
                    }
                    CopyableText {
                        Layout.fillWidth: true
                        title: qsTr("stderr")
                        text: attemptCard.modelData.stderr ?? ""
                        textColor: Theme.error
                        maxHeight: 120
                    }
                    CopyableText {
                        Layout.fillWidth: true
                        title: qsTr("Request / response")
                        text: attemptCard.modelData.extra ?? ""
                        maxHeight: 120
                    }
                }
            }
        }
        Item { Layout.preferredHeight: 8 }
    }
}
