pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls

// A text field that wraps long values instead of scrolling them, and keeps the keys of a form:
// Tab and Shift+Tab move to the next and previous field (never insert a tab), Enter applies
// the value (editingFinished) — unless `multiLine`, where Enter starts a new line and
// Ctrl+Enter applies. Used for values that are one line in YAML but often long (a choice
// rule, a command) and for short paragraphs (a comment, a shell script).
TextArea {
    id: field

    property bool multiLine: false

    wrapMode: TextEdit.Wrap
    Accessible.role: Accessible.EditableText
    Keys.onTabPressed: event => {
        const next = field.nextItemInFocusChain(true)
        if (next)
            next.forceActiveFocus(Qt.TabFocusReason)
        event.accepted = true
    }
    Keys.onBacktabPressed: event => {
        const previous = field.nextItemInFocusChain(false)
        if (previous)
            previous.forceActiveFocus(Qt.BacktabFocusReason)
        event.accepted = true
    }
    Keys.onReturnPressed: event => field.enterPressed(event)
    Keys.onEnterPressed: event => field.enterPressed(event)

    function enterPressed(event) {
        if (multiLine && !(event.modifiers & Qt.ControlModifier)) {
            event.accepted = false // a new line
            return
        }
        event.accepted = true
        field.editingFinished()
    }
}
