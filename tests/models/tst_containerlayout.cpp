// Parallel and map states drawn as containers: frames enclose their branches' states, lanes do not
// overlap, edges inside branches exist and stay inside, nested rows follow the document with
// exact signals (QAbstractItemModelTester throughout), edits inside a branch are undoable, and
// collapsing a container hides its content without moving the rest of the drawing.
#include "containerlayout.h"
#include "diagnosticsmodel.h"
#include "diagramrenderer.h"
#include "edgesmodel.h"
#include "graphcontroller.h"
#include "nodesmodel.h"
#include "workflowdocument.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QtTest>

using namespace Signalbox;

namespace {

QString example(const char *name)
{
    QFile f(QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace

class TestContainerLayout : public QObject
{
    Q_OBJECT

    WorkflowDocument *m_doc = nullptr;
    GraphController *m_controller = nullptr;

    NodesModel *nodes() const { return m_controller->nodes(); }
    EdgesModel *edges() const { return m_controller->edges(); }
    QRectF rect(const char *name) const { return nodes()->nodeRect(QLatin1String(name)); }

private slots:
    void init()
    {
        m_doc = new WorkflowDocument(this);
        QVERIFY(m_doc->loadText(example("media-fanout.yaml"), {}));
        QVERIFY(m_doc->yamlError().isEmpty());
        m_controller = new GraphController(this);
        m_controller->setDocument(m_doc);
        new QAbstractItemModelTester(
            nodes(), QAbstractItemModelTester::FailureReportingMode::QtTest, nodes());
        new QAbstractItemModelTester(
            edges(), QAbstractItemModelTester::FailureReportingMode::QtTest, edges());
    }
    void cleanup()
    {
        delete m_controller;
        delete m_doc;
    }

    void nestedStatesAreRows()
    {
        // 3 top-level states + 6 nested (resize-images, resize, tag, update-metadata, reindex,
        // index-done) = 9 rows, in pre-order: a container right before its content.
        QCOMPARE(m_doc->stateCount(), 3);
        QCOMPARE(nodes()->rowCount(), 9);
        QCOMPARE(nodes()->nameAt(0), QStringLiteral("process-album"));
        QCOMPARE(nodes()->nameAt(1), QStringLiteral("resize-images"));
        QCOMPARE(nodes()->nameAt(2), QStringLiteral("resize"));
        const QModelIndex parallel = nodes()->index(0);
        QCOMPARE(parallel.data(NodesModel::ShapeRole).toString(), QStringLiteral("container"));
        QCOMPARE(parallel.data(NodesModel::LanesRole).toList().size(), 3);
        QCOMPARE(parallel.data(NodesModel::DepthRole).toInt(), 0);
        const QModelIndex resize = nodes()->index(nodes()->indexOf(QStringLiteral("resize")));
        QCOMPARE(resize.data(NodesModel::DepthRole).toInt(), 2);
        QCOMPARE(resize.data(NodesModel::ParentRole).toString(), QStringLiteral("resize-images"));
        QCOMPARE(resize.data(NodesModel::ShapeRole).toString(), QStringLiteral("box"));
        QCOMPARE(resize.data(NodesModel::RetryCountRole).toInt(), 1);
        QCOMPARE(resize.data(NodesModel::IsStartRole).toBool(), false);
        const QModelIndex map = nodes()->index(1);
        QCOMPARE(map.data(NodesModel::ShapeRole).toString(), QStringLiteral("container"));
        QCOMPARE(map.data(NodesModel::LanesRole).toList().value(0).toMap().value("title"),
                 QVariant(QStringLiteral("Each item")));
    }

    void containersEncloseTheirContent()
    {
        const QRectF parallel = rect("process-album");
        const QVariantList lanes = nodes()->index(0).data(NodesModel::LanesRole).toList();
        QList<QRectF> laneRects;
        for (const QVariant &l : lanes) {
            const QVariantMap m = l.toMap();
            laneRects.append(QRectF(parallel.x() + m["x"].toReal(), parallel.y() + m["y"].toReal(),
                                    m["width"].toReal(), m["height"].toReal()));
        }
        // Lanes inside the frame, below its header, side by side without overlapping.
        for (int i = 0; i < laneRects.size(); ++i) {
            QVERIFY(parallel.contains(laneRects[i]));
            QVERIFY(laneRects[i].top() >= parallel.top() + ContainerLayout::headerHeight - 1);
            for (int j = i + 1; j < laneRects.size(); ++j) {
                QVERIFY(!laneRects[i].intersects(laneRects[j]));
                QVERIFY(laneRects[i].right() < laneRects[j].left());
            }
        }
        // Every nested state inside its lane; nested containers enclose their own content.
        auto laneOf = [&](const char *name) {
            const int row = nodes()->indexOf(QLatin1String(name));
            const SceneNode *n = nodes()->sceneNode(QLatin1String(name));
            return n && n->parent == QLatin1String("process-album") && row > 0
                       ? laneRects.value(n->branch)
                       : QRectF();
        };
        for (const char *name : {"resize-images", "update-metadata", "reindex", "index-done"})
            QVERIFY2(laneOf(name).contains(rect(name)), name);
        QCOMPARE(nodes()->sceneNode(QStringLiteral("update-metadata"))->branch, 1);
        QCOMPARE(nodes()->sceneNode(QStringLiteral("index-done"))->branch, 2);
        for (const char *name : {"resize", "tag"})
            QVERIFY2(rect("resize-images").contains(rect(name)), name);
        QVERIFY(rect("resize").bottom() < rect("tag").top()); // top-down inside the lane
        // No two states of the drawing overlap, except a container and its content.
        for (int a = 0; a < nodes()->rowCount(); ++a)
            for (int b = a + 1; b < nodes()->rowCount(); ++b) {
                const QRectF ra = nodes()->nodeRect(nodes()->nameAt(a));
                const QRectF rb = nodes()->nodeRect(nodes()->nameAt(b));
                if (!ra.contains(rb))
                    QVERIFY2(!ra.intersects(rb),
                             qPrintable(nodes()->nameAt(a) + " / " + nodes()->nameAt(b)));
            }
        // The top-level layout leaves room for the expanded frame.
        QVERIFY(rect("publish-album").top() > parallel.bottom());
        QCOMPARE(nodes()->bounds(),
                 parallel.united(rect("publish-album")).united(rect("album-failed")));
    }

    void edgesInsideBranches()
    {
        auto find = [&](const QString &from, const QString &to) {
            for (const EdgesModel::Edge &e : edges()->edges())
                if (e.from == from && e.to == to)
                    return &e;
            return static_cast<const EdgesModel::Edge *>(nullptr);
        };
        const EdgesModel::Edge *inner = find("resize", "tag");
        QVERIFY(inner);
        QVERIFY(rect("resize-images").contains(inner->geometry.boundingRect()));
        QCOMPARE(inner->geometry.start().y(), rect("resize").bottom());
        QCOMPARE(inner->geometry.tip.y(), rect("tag").top());
        QVERIFY(find("reindex", "index-done"));
        // Edges out of the container attach to its frame; the catch edge leaves from its bottom.
        const EdgesModel::Edge *out = find("process-album", "publish-album");
        QVERIFY(out);
        QCOMPARE(out->geometry.start().y(), rect("process-album").bottom());
        const EdgesModel::Edge *caught = find("process-album", "album-failed");
        QVERIFY(caught);
        QCOMPARE(caught->geometry.start().y(), rect("process-album").bottom());
        QCOMPARE(edges()->rowCount(), 4);
        // Clicking the inner edge finds it.
        const QPointF mid = inner->geometry.pointAt(0.5);
        QCOMPARE(
            edges()->data(edges()->index(edges()->edgeAt(mid.x(), mid.y())), EdgesModel::FromRole),
            QVariant(QStringLiteral("resize")));
    }

    void movingAContainerMovesItsContent()
    {
        const QRectF tagBefore = rect("tag");
        m_controller->select(QStringLiteral("process-album"));
        QSignalSpy changed(nodes(), &QAbstractItemModel::dataChanged);
        m_controller->nudgeSelection(32, 16);
        // One dataChanged for the container and its 6 nested rows.
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 6);
        QCOMPARE(rect("tag"), tagBefore.translated(32, 16));
        // Nested states do not move on their own (their lane is laid out automatically).
        m_controller->select(QStringLiteral("tag"));
        m_controller->nudgeSelection(16, 0);
        QCOMPARE(rect("tag"), tagBefore.translated(32, 16));
    }

    void selectingANestedState()
    {
        QSignalSpy selection(m_controller, &GraphController::selectionChanged);
        m_controller->select(QStringLiteral("tag"));
        QCOMPARE(selection.size(), 1);
        QCOMPARE(m_controller->currentState(), QStringLiteral("tag"));
        QCOMPARE(nodes()->index(nodes()->indexOf("tag")).data(NodesModel::SelectedRole), true);
        QVERIFY(m_doc->state(QStringLiteral("tag")));
        QCOMPARE(nodes()->nodeAt(rect("tag").center().x(), rect("tag").center().y()),
                 QStringLiteral("tag"));
    }

    void problemsOnNestedStates()
    {
        // A broken transition inside the map's processor marks that nested state.
        QString text = example("media-fanout.yaml");
        text.replace(QStringLiteral("next: tag"), QStringLiteral("next: nowhere"));
        QVERIFY(m_doc->applyYaml(text));
        const QModelIndex resize = nodes()->index(nodes()->indexOf("resize"));
        QVERIFY2(!resize.data(NodesModel::ProblemRole).toString().isEmpty(),
                 "no problem marker on the nested state");
    }

    void editsInsideABranchAreUndoable()
    {
        // Connect inside a branch, drop a new state into a lane, rename a nested state.
        QSignalSpy inserted(nodes(), &QAbstractItemModel::rowsInserted);
        const int edgesBefore = edges()->rowCount();
        QVERIFY(m_controller->connectStates(QStringLiteral("update-metadata"),
                                            QStringLiteral("index-done"))
                == false); // another branch: no container in between → refused
        const QRectF lane2 = rect("update-metadata").adjusted(0, 90, 0, 90);
        const QString added = m_controller->addState(QStringLiteral("task"), lane2.center().x(),
                                                     lane2.center().y());
        QCOMPARE(added, QStringLiteral("task"));
        QCOMPARE(m_doc->stateCount(), 3);
        QCOMPARE(nodes()->sceneNode(added)->parent, QStringLiteral("process-album"));
        QCOMPARE(nodes()->sceneNode(added)->branch, 1);
        QCOMPARE(inserted.size(), 1);
        QVERIFY(m_controller->connectStates(QStringLiteral("update-metadata"), added));
        QCOMPARE(edges()->rowCount(), edgesBefore + 1);
        QVERIFY(rect("update-metadata").bottom() < rect("task").top());
        QCOMPARE(m_controller->renameState(QStringLiteral("task"), QStringLiteral("notify")),
                 QString());
        QVERIFY(m_doc->state(QStringLiteral("notify")));
        QCOMPARE(m_doc->state(QStringLiteral("update-metadata"))->next, std::string("notify"));
        QCOMPARE(m_doc->yamlError(), QString());
        m_doc->undo();
        m_doc->undo();
        m_doc->undo();
        QCOMPARE(nodes()->rowCount(), 9);
        QCOMPARE(edges()->rowCount(), edgesBefore);
        QVERIFY(!m_doc->state(QStringLiteral("task")));
    }

    void deletingNestedStates()
    {
        // Delete the first state of a branch: the branch starts at the next one, the rest of
        // the drawing keeps its rows, and one undo brings it back.
        const int rowsBefore = nodes()->rowCount();
        const int undoBefore = m_doc->undoStack()->count();
        QSignalSpy removed(nodes(), &QAbstractItemModel::rowsRemoved);
        m_controller->select(QStringLiteral("reindex"));
        m_controller->deleteSelection();
        QVERIFY(!m_doc->state(QStringLiteral("reindex")));
        QVERIFY(m_doc->state(QStringLiteral("index-done")));
        const State *album = m_doc->state(QStringLiteral("process-album"));
        QVERIFY(album);
        QCOMPARE(album->branches.at(2)->startAt, std::string("index-done"));
        QCOMPARE(nodes()->rowCount(), rowsBefore - 1);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(m_doc->undoStack()->count(), undoBefore + 1);
        QCOMPARE(m_doc->yamlError(), QString());
        QVERIFY(!m_doc->yamlText().contains(QStringLiteral("reindex")));
        m_doc->undo();
        QVERIFY(m_doc->state(QStringLiteral("reindex")));
        QCOMPARE(nodes()->rowCount(), rowsBefore);

        // The only state of a lane stays (a branch cannot be empty): nothing changes.
        m_controller->select(QStringLiteral("update-metadata"));
        m_controller->deleteSelection();
        QVERIFY(m_doc->state(QStringLiteral("update-metadata")));
        QCOMPARE(nodes()->rowCount(), rowsBefore);

        // A state referenced inside the map's processor: the reference goes with it.
        m_controller->select(QStringLiteral("tag"));
        m_controller->deleteSelection();
        QVERIFY(!m_doc->state(QStringLiteral("tag")));
        QVERIFY(m_doc->state(QStringLiteral("resize"))->next.empty());
        m_doc->undo();
        QCOMPARE(m_doc->state(QStringLiteral("resize"))->next, std::string("tag"));
    }

    void copyingNestedStates()
    {
        // Duplicate a nested state: the copy joins its branch under a new name, one undo step.
        const int rowsBefore = nodes()->rowCount();
        const int undoBefore = m_doc->undoStack()->count();
        m_controller->select(QStringLiteral("tag"));
        m_controller->duplicateSelection();
        const State *copy = m_doc->state(QStringLiteral("tag-copy"));
        QVERIFY(copy);
        QCOMPARE(nodes()->sceneNode(QStringLiteral("tag-copy"))->parent,
                 QStringLiteral("resize-images"));
        QCOMPARE(nodes()->rowCount(), rowsBefore + 1);
        QCOMPARE(m_doc->undoStack()->count(), undoBefore + 1);
        QCOMPARE(m_controller->currentState(), QStringLiteral("tag-copy"));
        m_doc->undo();
        QVERIFY(!m_doc->state(QStringLiteral("tag-copy")));

        // Duplicate a container: every state inside the copy gets a new name too (names are
        // unique across the workflow), with its branch's start and transitions following.
        m_controller->select(QStringLiteral("process-album"));
        m_controller->duplicateSelection();
        const State *album = m_doc->state(QStringLiteral("process-album-copy"));
        QVERIFY(album);
        QCOMPARE(album->branches.at(2)->startAt, std::string("reindex-copy"));
        QCOMPARE(m_doc->state(QStringLiteral("reindex-copy"))->next,
                 std::string("index-done-copy"));
        QCOMPARE(m_doc->state(QStringLiteral("resize-copy"))->next, std::string("tag-copy"));
        QCOMPARE(m_doc->state(QStringLiteral("reindex"))->next, std::string("index-done"));
        for (int i = 0; i < m_doc->diagnostics()->rowCount(); ++i)
            QVERIFY2(m_doc->diagnostics()->index(i).data(DiagnosticsModel::CodeRole).toString()
                         != QLatin1String("duplicate-state"),
                     qPrintable(m_doc->diagnostics()->index(i).data().toString()));
        m_doc->undo();

        // Copy a nested state and paste it: it lands on the top level.
        m_controller->select(QStringLiteral("update-metadata"));
        m_controller->copySelection();
        m_controller->paste();
        QVERIFY(m_doc->indexOf(QStringLiteral("update-metadata-copy")) >= 0);
    }

    void exportDrawsContainers()
    {
        DiagramRenderer renderer(*m_doc);
        QVERIFY(renderer.sceneRect().contains(rect("process-album")));
        const QString svg = QString::fromUtf8(renderer.toSvg());
        for (const char *text :
             {"Branch 1", "Branch 3", "Each item", "process-album", "resize", "index-done"})
            QVERIFY2(svg.contains(QLatin1String(text)), text);
        const QImage image = renderer.toImage();
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), qRound(renderer.sceneRect().width() * 2));
    }

    void labelsSlideOffEdgesUnderThem()
    {
        // c -> d carries a label; a -> b is a side edge placed right through that label.
        const char *yaml = R"(workflow:
  name: labels
  start_at: c
  states:
    c:
      type: choice
      choices:
        - {if: "$.x > 1", next: d}
    d: {type: succeed}
    a: {type: pass, next: b}
    b: {type: succeed}
  layout:
    states:
      c: {x: 400, y: 0}
      d: {x: 400, y: 400}
      a: {x: 0, y: 1000}
      b: {x: 600, y: 1000}
)";
        WorkflowDocument doc;
        QVERIFY(doc.loadText(QString::fromUtf8(yaml), {}));
        auto edge = [&doc](const char *from) {
            for (const EdgesModel::Edge &e : EdgesModel::computeEdges(doc))
                if (e.from == QLatin1String(from))
                    return e;
            return EdgesModel::Edge();
        };
        const QRectF label = edge("c").labelRect;
        QVERIFY(!label.isEmpty());
        // Put a and b so that a -> b runs horizontally through the label.
        doc.setPositions({{QStringLiteral("a"), QPointF(0, label.center().y() - 30)},
                          {QStringLiteral("b"), QPointF(900, label.center().y() - 22)}});
        const EdgesModel::Edge crossing = edge("a");
        QVERIFY(polylineIntersects(crossing.geometry.polyline(), label));
        const EdgesModel::Edge labelled = edge("c");
        QVERIFY(labelled.labelRect != label);
        QCOMPARE(labelled.labelRect.size(), label.size());
        QVERIFY(!polylineIntersects(crossing.geometry.polyline(), labelled.labelRect));
        // Still on its own edge, or right beside it.
        QVERIFY(polylineIntersects(labelled.geometry.polyline(),
                                   labelled.labelRect.adjusted(-4, -4, 4, 4)));
    }

    void collapsing()
    {
        const QRectF frame = rect("process-album");
        const QRectF publish = rect("publish-album");
        QSignalSpy reset(nodes(), &QAbstractItemModel::modelReset);
        m_controller->setCollapsed(QStringLiteral("process-album"), true);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(nodes()->rowCount(), 3);
        QCOMPARE(edges()->rowCount(), 2);
        const QModelIndex parallel = nodes()->index(0);
        QCOMPARE(parallel.data(NodesModel::ShapeRole).toString(), QStringLiteral("box"));
        QCOMPARE(parallel.data(NodesModel::CollapsedRole).toBool(), true);
        // The summary node sits in the middle of where the frame was; the rest stays put.
        QCOMPARE(rect("process-album").center(), frame.center());
        QCOMPARE(rect("publish-album"), publish);
        // Collapsing the inner map only shrinks the parallel's first lane.
        m_controller->setCollapsed(QStringLiteral("process-album"), false);
        m_controller->setCollapsed(QStringLiteral("resize-images"), true);
        QCOMPARE(nodes()->rowCount(), 7);
        QVERIFY(!nodes()->sceneNode(QStringLiteral("resize")));
        QVERIFY(rect("process-album").height() < frame.height());
        QCOMPARE(m_controller->collapsed(), QStringList{QStringLiteral("resize-images")});
    }
};

QTEST_MAIN(TestContainerLayout)
#include "tst_containerlayout.moc"
