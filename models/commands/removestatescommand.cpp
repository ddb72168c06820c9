#include "removestatescommand.h"

#include <algorithm>

namespace Signalbox {

RemoveStatesCommand::RemoveStatesCommand(WorkflowDocument *document, const QStringList &names)
    : m_document(document)
{
    const Definition &def = document->definition();
    for (int i = 0; i < int(def.machine.states.size()); ++i) {
        const State &s = def.machine.states[i];
        const QString name = QString::fromStdString(s.name);
        if (names.contains(name)) {
            m_removed.push_back({i, s, document->position(name)});
            continue;
        }
        State after = withoutReferences(s, names);
        if (!(after == s) || after.end != s.end)
            m_edits.emplace_back(s, after);
    }
    m_startBefore = document->startAt();
    m_startAfter = m_startBefore;
    if (names.contains(m_startBefore)) {
        m_startAfter.clear();
        for (const State &s : def.machine.states)
            if (!names.contains(QString::fromStdString(s.name))) {
                m_startAfter = QString::fromStdString(s.name);
                break;
            }
    }
    setText(m_removed.size() == 1
                ? QObject::tr("Delete %1").arg(QString::fromStdString(m_removed[0].state.name))
                : QObject::tr("Delete %n states", nullptr, int(m_removed.size())));
}

State RemoveStatesCommand::withoutReferences(const State &state, const QStringList &names)
{
    auto gone = [&names](const std::string &n) {
        return !n.empty() && names.contains(QString::fromStdString(n));
    };
    State s = state;
    if (gone(s.next))
        s.next.clear();
    if (gone(s.defaultNext))
        s.defaultNext.clear();
    std::erase_if(s.choices, [&](const ChoiceRule &r) { return gone(r.next); });
    std::erase_if(s.catchRules, [&](const CatchRule &r) { return gone(r.next); });
    return s;
}

void RemoveStatesCommand::redo()
{
    for (const auto &[before, after] : m_edits)
        m_document->replaceState(m_document->indexOf(QString::fromStdString(before.name)), after);
    for (auto it = m_removed.rbegin(); it != m_removed.rend(); ++it)
        m_document->removeStateAt(it->index);
    m_document->setStartAt(m_startAfter);
}

void RemoveStatesCommand::undo()
{
    for (const Removed &r : m_removed)
        m_document->insertState(r.index, r.state, r.position);
    for (const auto &[before, after] : m_edits)
        m_document->replaceState(m_document->indexOf(QString::fromStdString(before.name)), before);
    m_document->setStartAt(m_startBefore);
}

} // namespace Signalbox
