#include "graphcontroller.h"
#include "busycursor.h"

#include "commands/addstatecommand.h"
#include "commands/editstatecommand.h"
#include "commands/movestatescommand.h"
#include "commands/removestatescommand.h"
#include "commands/replacedefinitioncommand.h"
#include "nestedstates.h"
#include "nodegeometry.h"
#include "workflowdocument.h"

#include "signalbox/statetypes.h"

#include <QRegularExpression>

namespace Signalbox {

GraphController::GraphController(QObject *parent)
    : QObject(parent)
    , m_nodes(new NodesModel(this))
    , m_edges(new EdgesModel(this))
{
    connect(m_nodes, &NodesModel::selectionChanged, this, [this] {
        if (m_selecting)
            return; // the caller emits selectionChanged once
        if (!m_current.isEmpty() && !m_nodes->isSelected(m_current))
            m_current = m_nodes->selection().value(0);
        emit selectionChanged();
    });
}

const State *GraphController::findState(const QString &name) const
{
    return m_document ? findStateRecursive(m_document->definition().machine, name.toStdString())
                      : nullptr;
}

QStringList GraphController::topLevel(const QStringList &names) const
{
    QStringList out;
    for (const QString &n : names)
        if (m_document && m_document->indexOf(n) >= 0)
            out.append(n);
    return out;
}

void GraphController::pushEdit(const QString &text, const State &before, const State &after)
{
    if (m_document->indexOf(QString::fromStdString(before.name)) >= 0) {
        m_document->undoStack()->push(new EditStateCommand(m_document, text, before, after));
        return;
    }
    const auto &machine = m_document->definition().machine;
    const int top = Nested::topLevelIndex(machine, before.name);
    if (top < 0)
        return;
    const State &container = machine.states[size_t(top)];
    State changed = container;
    if (Nested::replaceInside(changed, after))
        m_document->undoStack()->push(new EditStateCommand(m_document, text, container, changed));
}

QStringList GraphController::collapsed() const
{
    QStringList names(m_collapsed.begin(), m_collapsed.end());
    names.sort();
    return names;
}

void GraphController::setCollapsed(const QString &name, bool collapsed)
{
    if (m_collapsed.contains(name) == collapsed)
        return;
    if (collapsed)
        m_collapsed.insert(name);
    else
        m_collapsed.remove(name);
    m_nodes->setCollapsed(m_collapsed);
    m_edges->setCollapsed(m_collapsed);
    emit collapsedChanged();
}

void GraphController::setNodeSelection(const QStringList &names)
{
    m_selecting = true;
    m_nodes->setSelection(names);
    m_selecting = false;
}

void GraphController::setDocument(WorkflowDocument *document)
{
    if (m_document == document)
        return;
    m_document = document;
    m_current.clear();
    m_nodes->setDocument(document);
    m_edges->setDocument(document);
    emit documentChanged();
    emit selectionChanged();
}

QString GraphController::currentState() const
{
    return m_current;
}

void GraphController::setSnapToGrid(bool snap)
{
    if (m_snap == snap)
        return;
    m_snap = snap;
    emit snapToGridChanged();
}

void GraphController::select(const QString &name, bool additive)
{
    m_edges->setSelectedEdge(-1);
    QStringList names = additive ? selection() : QStringList();
    if (additive && names.contains(name)) {
        names.removeAll(name);
        m_current = names.value(0);
    } else if (m_nodes->indexOf(name) >= 0) {
        names.append(name);
        m_current = name;
    }
    setNodeSelection(names);
    emit selectionChanged();
}

QString GraphController::selectNext(int step)
{
    const int count = m_nodes->rowCount();
    if (count == 0)
        return {};
    const int current = m_nodes->indexOf(currentState());
    int row = current < 0 ? (step >= 0 ? 0 : count - 1) : current + step;
    row = ((row % count) + count) % count;
    const QString name = m_nodes->nameAt(row);
    select(name);
    return name;
}

QStringList GraphController::connectionTargets() const
{
    const QString from = currentState();
    QStringList targets;
    if (from.isEmpty())
        return targets;
    for (int row = 0; row < m_nodes->rowCount(); ++row) {
        const QString name = m_nodes->nameAt(row);
        if (name != from)
            targets.append(name);
    }
    return targets;
}

void GraphController::selectEdge(int row)
{
    m_current.clear();
    setNodeSelection({});
    m_edges->setSelectedEdge(row);
    emit selectionChanged();
}

void GraphController::clearSelection()
{
    m_current.clear();
    setNodeSelection({});
    m_edges->setSelectedEdge(-1);
    emit selectionChanged();
}

void GraphController::selectAll()
{
    QStringList names;
    if (m_document)
        for (const State &s : m_document->definition().machine.states)
            names.append(QString::fromStdString(s.name));
    m_edges->setSelectedEdge(-1);
    setNodeSelection(names);
    m_current = names.value(0);
    emit selectionChanged();
}

void GraphController::selectInRect(qreal x, qreal y, qreal width, qreal height, bool additive)
{
    const QRectF area = QRectF(x, y, width, height).normalized();
    QStringList names = additive ? selection() : QStringList();
    for (int row = 0; row < m_nodes->rowCount(); ++row) {
        const QString name = m_nodes->nameAt(row);
        if (m_nodes->isTopLevel(name) && area.intersects(m_nodes->nodeRect(name))
            && !names.contains(name))
            names.append(name);
    }
    setNodeSelection(names);
    m_current = names.value(0);
    emit selectionChanged();
}

QString GraphController::uniqueName(const QString &base) const
{
    QString stem = base.toLower();
    stem.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    if (stem.isEmpty())
        stem = QStringLiteral("state");
    if (m_document && !findState(stem))
        return stem;
    for (int i = 2;; ++i) {
        const QString candidate = stem + QLatin1Char('-') + QString::number(i);
        if (!m_document || !findState(candidate))
            return candidate;
    }
}

QString GraphController::addState(const QString &type, qreal x, qreal y)
{
    const std::optional<StateType> t = stateTypeFromName(type.toStdString());
    if (!m_document || !t)
        return {};
    State s = defaultState(*t);
    s.name = uniqueName(stateTypeLabel(*t)).toStdString();
    const QVariantMap lane = m_nodes->laneAt(x, y);
    if (!lane.isEmpty()) {
        // Dropped on a branch: the new state joins that branch (positions there are automatic).
        const std::string container
            = lane.value(QStringLiteral("container")).toString().toStdString();
        const auto &machine = m_document->definition().machine;
        const int top = Nested::topLevelIndex(machine, container);
        if (top < 0)
            return {};
        const State &before = machine.states[size_t(top)];
        State after = before;
        if (!Nested::addInside(after, container, lane.value(QStringLiteral("lane")).toInt(), s))
            return {};
        m_document->undoStack()->push(new EditStateCommand(
            m_document,
            tr("Add %1 to %2")
                .arg(QString::fromStdString(s.name), QString::fromStdString(container)),
            before, after));
        select(QString::fromStdString(s.name));
        return QString::fromStdString(s.name);
    }
    const QSizeF size = nodeSize(*t);
    QPointF pos(x - size.width() / 2, y - size.height() / 2);
    if (m_snap)
        pos = Signalbox::snapToGrid(pos);
    m_document->undoStack()->push(
        new AddStateCommand(m_document, m_document->stateCount(), s, pos));
    if (m_document->startAt().isEmpty())
        m_document->setStartAt(QString::fromStdString(s.name));
    select(QString::fromStdString(s.name));
    return QString::fromStdString(s.name);
}

bool GraphController::connectStates(const QString &from, const QString &to, const QString &kind)
{
    if (!m_document || from == to)
        return false;
    const State *source = findState(from);
    if (!source || !findState(to))
        return false;
    // The target must be in the source's machine: else use its container there, if any.
    const StateMachine *home
        = Nested::machineOf(m_document->definition().machine, from.toStdString());
    std::string target = to.toStdString();
    while (!home->find(target)) {
        const SceneNode *n = m_nodes->sceneNode(QString::fromStdString(target));
        if (!n || n->parent.isEmpty())
            return false;
        target = n->parent.toStdString();
    }
    if (target == source->name)
        return false;
    State after = *source;
    const QString toName = QString::fromStdString(target);
    QString text = tr("Connect %1 to %2").arg(from, toName);
    const StateTypeInfo &type = stateTypeInfo(source->type);
    if (kind == QLatin1String("catch")) {
        if (!type.catches)
            return false;
        CatchRule rule;
        rule.next = target;
        after.catchRules.push_back(rule);
        text = tr("Catch errors of %1 in %2").arg(from, toName);
    } else if (source->type == StateType::Choice) {
        if (after.defaultNext.empty()) {
            after.defaultNext = target;
        } else {
            ChoiceRule rule;
            rule.spelling = ChoiceRule::Spelling::Expression;
            rule.text = "$.condition == true";
            rule.condition.kind = Condition::Kind::Compare;
            rule.condition.variable = "$.condition";
            rule.condition.op = Condition::Op::Eq;
            rule.condition.valueType = Condition::ValueType::Boolean;
            rule.condition.value = true;
            rule.next = target;
            after.choices.push_back(rule);
        }
    } else if (!type.transitions) {
        return false;
    } else {
        if (after.next == target)
            return false;
        after.next = target;
        after.end = false;
    }
    pushEdit(text, *source, after);
    return true;
}

bool GraphController::removeEdge(int row)
{
    if (!m_document || row < 0 || row >= m_edges->rowCount())
        return false;
    const EdgesModel::Edge edge = m_edges->edges().at(row);
    const State *source = findState(edge.from);
    if (!source)
        return false;
    State after = *source;
    switch (edge.kind) {
    case EdgesModel::Kind::Next:
        after.next.clear();
        break;
    case EdgesModel::Kind::Choice:
        after.choices.erase(after.choices.begin() + edge.rule);
        break;
    case EdgesModel::Kind::Default:
        after.defaultNext.clear();
        break;
    case EdgesModel::Kind::Catch:
        after.catchRules.erase(after.catchRules.begin() + edge.rule);
        break;
    }
    m_edges->setSelectedEdge(-1);
    pushEdit(tr("Disconnect %1 from %2").arg(edge.from, edge.to), *source, after);
    return true;
}

void GraphController::deleteSelection()
{
    if (!m_document)
        return;
    const QStringList selected = selection();
    const QStringList names = topLevel(selected);
    if (selected.isEmpty()) {
        removeEdge(m_edges->selectedEdge());
        return;
    }
    const QList<QPair<State, State>> nestedEdits = nestedRemovals(selected, names);
    if (names.isEmpty() && nestedEdits.isEmpty())
        return; // only the last states of their lanes were selected
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(selected.size() == 1 ? tr("Delete %1").arg(selected.first())
                                           : tr("Delete %n states", nullptr, int(selected.size())));
    for (const auto &[container, changed] : nestedEdits)
        stack->push(new EditStateCommand(m_document, tr("Delete"), container, changed));
    if (!names.isEmpty())
        stack->push(new RemoveStatesCommand(m_document, names));
    m_current.clear();
    setNodeSelection({});
    stack->endMacro();
    emit selectionChanged();
}

// The edits (top-level container before, after) that delete the selected states living inside
// branches or map processors (copy on write of their container, one edit per container). The last
// state of a lane stays: a branch cannot be empty (remove the whole parallel/map state, or edit its
// branches in the YAML pane).
QList<QPair<State, State>> GraphController::nestedRemovals(const QStringList &selected,
                                                           const QStringList &topLevelNames) const
{
    QList<QPair<State, State>> edits;
    const StateMachine &machine = m_document->definition().machine;
    QMap<int, QStringList> byContainer;
    for (const QString &n : selected) {
        if (topLevelNames.contains(n))
            continue;
        const int top = Nested::topLevelIndex(machine, n.toStdString());
        if (top >= 0
            && !topLevelNames.contains(QString::fromStdString(machine.states[size_t(top)].name)))
            byContainer[top].append(n);
    }
    for (auto it = byContainer.begin(); it != byContainer.end(); ++it) {
        const State &container = machine.states[size_t(it.key())];
        State changed = container;
        const QStringList &gone = it.value();
        Nested::forEachMachineInside(changed, [&gone](StateMachine &lane) {
            const auto removed
                = std::count_if(lane.states.begin(), lane.states.end(), [&](const State &st) {
                      return gone.contains(QString::fromStdString(st.name));
                  });
            if (removed == 0 || removed == std::ssize(lane.states))
                return;
            std::erase_if(lane.states, [&](const State &st) {
                return gone.contains(QString::fromStdString(st.name));
            });
            for (State &st : lane.states)
                st = RemoveStatesCommand::withoutReferences(st, gone);
            if (gone.contains(QString::fromStdString(lane.startAt)))
                lane.startAt = lane.states.front().name;
        });
        if (!(changed == container))
            edits.append({container, changed});
    }
    return edits;
}

void GraphController::beginMove()
{
    if (!m_document)
        return;
    m_moving = true;
    ++m_gesture;
    m_moveStart.clear();
    for (const QString &name : topLevel(selection())) // nested states follow their container
        m_moveStart.insert(name, m_document->position(name));
}

void GraphController::moveSelection(qreal dx, qreal dy)
{
    if (!m_document || !m_moving || m_moveStart.isEmpty())
        return;
    QHash<QString, QPointF> before;
    QHash<QString, QPointF> after;
    for (auto it = m_moveStart.begin(); it != m_moveStart.end(); ++it) {
        QPointF p = it.value() + QPointF(dx, dy);
        if (m_snap)
            p = Signalbox::snapToGrid(p);
        if (p == m_document->position(it.key()))
            continue;
        before.insert(it.key(), m_document->position(it.key()));
        after.insert(it.key(), p);
    }
    if (!after.isEmpty())
        m_document->undoStack()->push(new MoveStatesCommand(m_document, before, after, m_gesture));
}

void GraphController::endMove()
{
    m_moving = false;
    m_moveStart.clear();
}

void GraphController::nudgeSelection(qreal dx, qreal dy)
{
    beginMove(); // a new gesture id: each nudge is its own undo step
    moveSelection(dx, dy);
    endMove();
}

// The selected states to copy: nested ones too, but not those inside a selected container
// (they come with it).
QStringList GraphController::copyRoots() const
{
    const QStringList selected = selection();
    QStringList roots;
    for (const QString &name : selected) {
        bool inside = false;
        for (const SceneNode *n = m_nodes->sceneNode(name); n && !n->parent.isEmpty();
             n = m_nodes->sceneNode(n->parent))
            inside = inside || selected.contains(n->parent);
        if (!inside && findState(name))
            roots.append(name);
    }
    return roots;
}

QPointF GraphController::scenePosition(const QString &name) const
{
    return m_document->indexOf(name) >= 0 ? m_document->position(name)
                                          : m_nodes->nodeRect(name).topLeft();
}

void GraphController::copySelection()
{
    if (!m_document)
        return;
    m_clipboard.clear();
    m_clipboardPositions.clear();
    for (const QString &name : copyRoots()) { // nested states are pasted at the top level
        m_clipboard.append(*findState(name));
        m_clipboardPositions.insert(name, scenePosition(name));
    }
    emit clipboardChanged();
}

void GraphController::paste()
{
    pasteStates(m_clipboard, m_clipboardPositions, {48, 48}, tr("Paste"));
}

void GraphController::duplicateSelection()
{
    if (!m_document)
        return;
    QList<State> states;
    QHash<QString, QPointF> positions;
    QStringList nested;
    for (const QString &name : copyRoots()) {
        if (m_document->indexOf(name) < 0) {
            nested.append(name);
            continue;
        }
        states.append(*m_document->state(name));
        positions.insert(name, m_document->position(name));
    }
    if (nested.isEmpty()) {
        pasteStates(states, positions, {48, 48}, tr("Duplicate"));
        return;
    }
    // A nested state's copy joins its own branch (same transitions, a new name).
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(tr("Duplicate"));
    QStringList taken;
    QStringList added;
    for (const QString &name : std::as_const(nested)) {
        const SceneNode *node = m_nodes->sceneNode(name);
        const auto &machine = m_document->definition().machine;
        const int top = Nested::topLevelIndex(machine, name.toStdString());
        if (!node || top < 0)
            continue;
        State copy = *findState(name);
        copy.name = freshCopyName(name, taken).toStdString();
        renameInside(copy, taken);
        const State &before = machine.states[size_t(top)];
        State after = before;
        if (Nested::addInside(after, node->parent.toStdString(), node->branch, copy)) {
            stack->push(
                new EditStateCommand(m_document, tr("Duplicate %1").arg(name), before, after));
            added.append(QString::fromStdString(copy.name));
        }
    }
    if (!states.isEmpty())
        pasteStates(states, positions, {48, 48}, tr("Duplicate"));
    stack->endMacro();
    if (!states.isEmpty())
        added.append(selection()); // the top-level copies pasteStates selected
    setNodeSelection(added);
    m_current = added.value(0);
    emit selectionChanged();
}

namespace {

void renameReference(std::string &ref, const QHash<QString, QString> &renamed)
{
    const auto it = renamed.constFind(QString::fromStdString(ref));
    if (it != renamed.constEnd())
        ref = it.value().toStdString();
}

// Points the transitions of `state` (next, default, choices, catchers) at renamed states.
void renameTransitions(State &state, const QHash<QString, QString> &renamed)
{
    renameReference(state.next, renamed);
    renameReference(state.defaultNext, renamed);
    for (ChoiceRule &r : state.choices)
        renameReference(r.next, renamed);
    for (CatchRule &r : state.catchRules)
        renameReference(r.next, renamed);
}

} // namespace

QString GraphController::freshCopyName(const QString &old, QStringList &taken) const
{
    QString name = uniqueName(old + QStringLiteral("-copy"));
    for (int i = 2; taken.contains(name); ++i)
        name = uniqueName(old + QStringLiteral("-copy-") + QString::number(i));
    taken.append(name);
    return name;
}

// Gives every state inside a copied container a new name (names are unique across the whole
// workflow), with the transitions and start states of its branches following.
void GraphController::renameInside(State &copy, QStringList &taken) const
{
    Nested::forEachMachineInside(copy, [&](StateMachine &lane) {
        QHash<QString, QString> renamed;
        for (State &st : lane.states) {
            const QString old = QString::fromStdString(st.name);
            const QString name = freshCopyName(old, taken);
            renamed.insert(old, name);
            st.name = name.toStdString();
        }
        renameReference(lane.startAt, renamed);
        for (State &st : lane.states)
            renameTransitions(st, renamed);
    });
}

void GraphController::pasteStates(const QList<State> &states,
                                  const QHash<QString, QPointF> &positions, const QPointF &offset,
                                  const QString &text)
{
    if (!m_document || states.isEmpty())
        return;
    // New unique names; transitions between copied states follow the copies.
    QHash<QString, QString> renamed;
    QStringList taken;
    for (const State &s : states) {
        const QString old = QString::fromStdString(s.name);
        renamed.insert(old, freshCopyName(old, taken));
    }
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(text);
    QStringList added;
    for (State s : states) {
        const QString old = QString::fromStdString(s.name);
        s.name = renamed.value(old).toStdString();
        renameTransitions(s, renamed);
        renameInside(s, taken);
        QPointF p = positions.value(old) + offset;
        if (m_snap)
            p = Signalbox::snapToGrid(p);
        stack->push(new AddStateCommand(m_document, m_document->stateCount(), s, p));
        added.append(QString::fromStdString(s.name));
    }
    stack->endMacro();
    setNodeSelection(added);
    m_current = added.value(0);
    emit selectionChanged();
}

QString GraphController::renameState(const QString &from, const QString &to)
{
    if (!m_document || !findState(from))
        return tr("No state named %1").arg(from);
    const QString name = to.trimmed();
    if (name == from)
        return {};
    if (name.isEmpty())
        return tr("A state needs a name");
    if (findState(name))
        return tr("A state named %1 already exists").arg(name);
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_.:-]+$"));
    if (!valid.match(name).hasMatch())
        return tr("Use letters, digits, '-', '_', '.' or ':' in state names");
    WorkflowDocument::Snapshot before = m_document->snapshot();
    WorkflowDocument::Snapshot after = before;
    after.yamlText.clear();
    const std::string a = from.toStdString();
    const std::string b = name.toStdString();
    auto map = [&](std::string &ref) {
        if (ref == a)
            ref = b;
    };
    // Names are unique across branches: rename at every depth.
    auto renameIn = [&](StateMachine &m) {
        map(m.startAt);
        for (State &s : m.states) {
            map(s.name);
            map(s.next);
            map(s.defaultNext);
            for (ChoiceRule &r : s.choices)
                map(r.next);
            for (CatchRule &r : s.catchRules)
                map(r.next);
        }
    };
    renameIn(after.definition.machine);
    for (State &s : after.definition.machine.states)
        Nested::forEachMachineInside(s, renameIn);
    if (after.positions.contains(from))
        after.positions.insert(name, after.positions.take(from));
    const bool wasSelected = m_nodes->isSelected(from);
    m_document->undoStack()->push(new ReplaceDefinitionCommand(
        m_document, tr("Rename %1 to %2").arg(from, name), before, after));
    if (m_collapsed.remove(from)) {
        m_collapsed.insert(name);
        m_nodes->setCollapsed(m_collapsed);
        m_edges->setCollapsed(m_collapsed);
        emit collapsedChanged();
    }
    if (wasSelected)
        select(name);
    return {};
}

void GraphController::setStartAt(const QString &name)
{
    if (!m_document || m_document->indexOf(name) < 0 || m_document->startAt() == name)
        return;
    WorkflowDocument::Snapshot before = m_document->snapshot();
    WorkflowDocument::Snapshot after = before;
    after.yamlText.clear();
    after.definition.machine.startAt = name.toStdString();
    m_document->undoStack()->push(
        new ReplaceDefinitionCommand(m_document, tr("Start at %1").arg(name), before, after));
}

void GraphController::autoLayout()
{
    if (!m_document)
        return;
    BusyCursor busy;
    WorkflowDocument::Snapshot before = m_document->snapshot();
    WorkflowDocument::Snapshot after = before;
    after.yamlText.clear();
    after.positions = WorkflowDocument::autoLayout(after.definition);
    const QStringList selected = selection();
    m_document->undoStack()->push(
        new ReplaceDefinitionCommand(m_document, tr("Auto-layout"), before, after));
    setNodeSelection(selected);
}

} // namespace Signalbox
