pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Signalbox
import Signalbox.Models

// Retry policies of a task, parallel or map state, tried in order (the first whose errors match
// decides): errors, attempts, backoff kind, first delay, rate, longest delay, jitter, and the
// attempt schedule each policy gives.
ColumnLayout {
    id: section

    required property StateEditor editor
    property var policies: []

    Layout.fillWidth: true
    spacing: 6

    SectionHeader {
        text: qsTr("Retry")
        hint: section.policies.length === 0
              ? qsTr("A failure fails the state at once (or goes to a catcher).")
              : qsTr("Policies are tried in order; the first whose errors match decides.")
    }

    Repeater {
        model: section.policies
        delegate: ListCard {
            id: card

            required property var modelData
            required property int index

            objectName: "retryCard:" + index
            title: qsTr("Policy %1").arg(index + 1)
            count: section.policies.length
            onMoveRequested: to => section.editor.moveRetry(card.index, to)
            onRemoveRequested: section.editor.removeRetry(card.index)

            function set(key: string, value: var) {
                card.error = section.editor.setRetryField(card.index, key, value)
            }

            FieldLabel { text: qsTr("On errors") }
            ErrorsField {
                Layout.fillWidth: true
                name: "retryErrors:" + card.index
                errors: card.modelData.errors
                suggestions: section.editor.predefinedErrors
                onEdited: errors => card.set("errors", errors)
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: 8
                rowSpacing: 2
                FieldLabel { text: qsTr("Attempts (all tries)") }
                FieldLabel { text: qsTr("Backoff") }
                SpinBox {
                    Accessible.name: qsTr("Backoff")
                    objectName: "retryAttempts:" + card.index
                    Layout.fillWidth: true
                    from: 1
                    to: 1000
                    editable: true
                    value: card.modelData.attempts
                    onValueModified: card.set("attempts", value)
                }
                ComboBox {
                    Accessible.name: qsTr("Backoff")
                    Layout.fillWidth: true
                    textRole: "label"
                    valueRole: "value"
                    model: [{ label: qsTr("Exponential"), value: "exponential" },
                            { label: qsTr("Fixed"), value: "fixed" },
                            { label: qsTr("Linear"), value: "linear" }]
                    currentIndex: Math.max(0, ["exponential", "fixed", "linear"].indexOf(card.modelData.backoff))
                    onActivated: index => card.set("backoff", model[index].value)
                }
                FieldLabel { text: qsTr("First delay (s)") }
                FieldLabel {
                    text: card.modelData.backoff === "exponential" ? qsTr("Rate (× per retry)")
                                                                  : qsTr("Rate (exponential only)")
                }
                TextField {
                    Accessible.name: qsTr("First delay (s)")
                    Layout.fillWidth: true
                    validator: DoubleValidator { bottom: 0 }
                    text: card.modelData.intervalSeconds
                    onEditingFinished: if (text !== String(card.modelData.intervalSeconds)) card.set("intervalSeconds", text)
                }
                TextField {
                    Accessible.name: qsTr("Rate (× per retry)")
                    Layout.fillWidth: true
                    enabled: card.modelData.backoff === "exponential"
                    validator: DoubleValidator { bottom: 1 }
                    text: card.modelData.backoffRate
                    onEditingFinished: if (text !== String(card.modelData.backoffRate)) card.set("backoffRate", text)
                }
                FieldLabel { text: qsTr("Longest delay (s)") }
                FieldLabel { text: qsTr("Jitter") }
                TextField {
                    Accessible.name: qsTr("Jitter")
                    Layout.fillWidth: true
                    placeholderText: qsTr("No limit")
                    validator: DoubleValidator { bottom: 0 }
                    text: card.modelData.maxDelaySeconds
                    onEditingFinished: if (text !== card.modelData.maxDelaySeconds) card.set("maxDelaySeconds", text)
                }
                ComboBox {
                    Layout.fillWidth: true
                    textRole: "label"
                    valueRole: "value"
                    model: [{ label: qsTr("None"), value: "none" },
                            { label: qsTr("Full (random 0…delay)"), value: "full" }]
                    currentIndex: Math.max(0, ["none", "full"].indexOf(card.modelData.jitter))
                    onActivated: index => card.set("jitter", model[index].value)
                }
            }
            Label {
                objectName: "retryPreview:" + card.index
                Layout.fillWidth: true
                Layout.topMargin: 2
                wrapMode: Text.WordWrap
                text: card.modelData.preview + (card.modelData.jitter === "full"
                                                ? qsTr(" (before jitter)") : "")
                font.pixelSize: Theme.smallFontSize
                color: Theme.textMuted
            }
        }
    }

    Button {
        objectName: "addRetry"
        text: section.policies.length === 0 ? qsTr("Add retry policy") : qsTr("Add another policy")
        icon.source: ""
        onClicked: section.editor.addRetry()
    }
}
