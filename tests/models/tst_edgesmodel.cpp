// EdgesModel: one row per transition; moving a node updates exactly its edges. In every bundled
// example and a dense synthetic workflow, labels cover no node, no frame they are not inside, no
// other label and no other edge, and edges go around the nodes between their ends.
#include "containerlayout.h"
#include "diagramfixtures.h"
#include "edgesmodel.h"
#include "graphcontroller.h"
#include "seed.h"
#include "workflowdocument.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Signalbox;

namespace {

// Checked here without the model's own helpers: the curve as points every pixel or so, and the
// arrowhead as a filled triangle.
struct Sampled
{
    QPolygonF points;
    QPainterPath arrow;
};

Sampled sample(const EdgeGeometry &g)
{
    Sampled s;
    const QPainterPath path = g.path();
    const int steps = std::max(200, int(path.length()));
    for (int k = 0; k <= steps; ++k)
        s.points.append(path.pointAtPercent(qreal(k) / steps));
    s.arrow.addPolygon(g.arrow);
    return s;
}

bool covers(const Sampled &s, const QRectF &box)
{
    return std::any_of(s.points.begin(), s.points.end(),
                       [&box](const QPointF &p) { return box.contains(p); })
           || s.arrow.intersects(box);
}

// The containers an edge is drawn inside.
QSet<QString> containersOf(const SceneLayout &scene, const QString &from)
{
    QSet<QString> out;
    for (const SceneNode *n = scene.node(from); n && !n->parent.isEmpty();
         n = scene.node(n->parent))
        out.insert(n->parent);
    return out;
}

} // namespace

class TestEdgesModel : public QObject
{
    Q_OBJECT

    WorkflowDocument *m_doc = nullptr;
    GraphController *m_controller = nullptr;
    EdgesModel *m_model = nullptr;

    QStringList keys() const
    {
        QStringList k;
        for (int i = 0; i < m_model->rowCount(); ++i) {
            const QModelIndex idx = m_model->index(i);
            k << idx.data(EdgesModel::FromRole).toString() + ">"
                     + idx.data(EdgesModel::ToRole).toString() + ":"
                     + idx.data(EdgesModel::KindRole).toString();
        }
        return k;
    }

private slots:
    void init()
    {
        m_doc = new WorkflowDocument(this);
        m_doc->loadText(QString::fromUtf8(seedYaml), {});
        m_controller = new GraphController(this);
        m_controller->setDocument(m_doc);
        m_model = m_controller->edges();
        new QAbstractItemModelTester(
            m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
    }
    void cleanup()
    {
        delete m_controller;
        delete m_doc;
    }

    void edgesOfTheSeed()
    {
        QCOMPARE(keys(), (QStringList{"validate-order>needs-review:next",
                                      "needs-review>wait-for-review:choice",
                                      "needs-review>charge-payment:default",
                                      "wait-for-review>charge-payment:next",
                                      "charge-payment>create-shipment:next"}));
        const QModelIndex choice = m_model->index(1);
        QCOMPARE(choice.data(EdgesModel::LabelRole).toString(),
                 QStringLiteral("requiresManualReview"));
        QVERIFY(choice.data(EdgesModel::PathRole).toString().startsWith("M "));
        QVERIFY(choice.data(EdgesModel::ArrowRole).toString().endsWith("Z"));
        QCOMPARE(m_model->index(2).data(EdgesModel::LabelRole).toString(),
                 QStringLiteral("default"));
        QCOMPARE(m_model->index(0).data(EdgesModel::DashedRole).toBool(), false);
    }

    void movingANodeUpdatesOnlyItsEdges()
    {
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
        m_controller->select("create-shipment");
        m_controller->beginMove();
        m_controller->moveSelection(64, 64);
        m_controller->endMove();
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1); // only charge-payment > create-shipment
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 4);
    }

    void connectingAddsAnEdge()
    {
        const QString pass = m_controller->addState("fail", 900, 400);
        QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
        QVERIFY(m_controller->connectStates("charge-payment", pass, "catch"));
        QCOMPARE(reset.count(), 1);
        QVERIFY(keys().contains("charge-payment>fail:catch"));
        const int row = keys().indexOf("charge-payment>fail:catch");
        QCOMPARE(m_model->index(row).data(EdgesModel::DashedRole).toBool(), true);
        QCOMPARE(m_model->index(row).data(EdgesModel::LabelRole).toString(),
                 QStringLiteral("on error"));
        // Succeed and fail states have no way out.
        QVERIFY(!m_controller->connectStates(pass, "charge-payment"));
        m_doc->undo();
        QVERIFY(!keys().contains("charge-payment>fail:catch"));
    }

    void choiceGetsDefaultThenRules()
    {
        m_controller->addState("choice", 900, 100);
        m_controller->addState("pass", 900, 300);
        QVERIFY(m_controller->connectStates("choice", "pass"));
        QCOMPARE(m_doc->state("choice")->defaultNext, std::string("pass"));
        QVERIFY(m_controller->connectStates("choice", "validate-order"));
        QCOMPARE(m_doc->state("choice")->choices.size(), size_t(1));
        QVERIFY(keys().contains("choice>validate-order:choice"));
    }

    void hitTestAndSelection()
    {
        const QString path = m_model->index(0).data(EdgesModel::PathRole).toString();
        const EdgesModel::Edge &edge = m_model->edges().at(0);
        const QPointF mid = edge.geometry.pointAt(0.5);
        QCOMPARE(m_model->edgeAt(mid.x(), mid.y()), 0);
        QCOMPARE(m_model->edgeAt(-5000, -5000), -1);
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        m_controller->selectEdge(0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_model->index(0).data(EdgesModel::SelectedRole).toBool(), true);
        m_controller->deleteSelection(); // removes the transition
        QCOMPARE(m_model->rowCount(), 4);
        QVERIFY(m_doc->state("validate-order")->next.empty());
        m_doc->undo();
        QCOMPARE(m_model->rowCount(), 5);
        QCOMPARE(m_model->index(0).data(EdgesModel::PathRole).toString(), path);
    }

    void labelsCoverNothing_data()
    {
        QTest::addColumn<QString>("yaml");
        for (const auto &w : DiagramFixtures::workflows())
            QTest::newRow(qPrintable(w.first)) << w.second;
    }

    void labelsCoverNothing()
    {
        QFETCH(QString, yaml);
        WorkflowDocument doc;
        QVERIFY(doc.loadText(yaml, {}));
        QVERIFY2(doc.yamlError().isEmpty(), qPrintable(doc.yamlError()));
        const SceneLayout scene(doc.definition(), doc.positions());
        const QList<EdgesModel::Edge> edges = EdgesModel::computeEdges(scene);
        QList<Sampled> curves;
        for (const EdgesModel::Edge &e : edges)
            curves.append(sample(e.geometry));
        int labels = 0;
        for (int i = 0; i < edges.size(); ++i) {
            const EdgesModel::Edge &e = edges[i];
            if (e.label.isEmpty()) {
                QVERIFY(e.labelRect.isEmpty());
                continue;
            }
            ++labels;
            const QRectF box = e.labelRect;
            const QString what = e.from + " > " + e.to + " [" + e.label + "]";
            QCOMPARE(box.size(), EdgesModel::labelSize(e.kind, e.label));
            const QSet<QString> inside = containersOf(scene, e.from);
            for (const SceneNode &n : scene.nodes()) {
                if (inside.contains(n.name))
                    QVERIFY2(n.rect.contains(box), qPrintable(what + " leaves " + n.name));
                else
                    QVERIFY2(!n.rect.intersects(box), qPrintable(what + " covers " + n.name));
            }
            for (int j = 0; j < edges.size(); ++j) {
                if (j == i)
                    continue;
                const EdgesModel::Edge &f = edges[j];
                const QString other = f.from + " > " + f.to;
                QVERIFY2(f.labelRect.isEmpty() || !f.labelRect.intersects(box),
                         qPrintable(what + " covers the label of " + other));
                QVERIFY2(!covers(curves[j], box), qPrintable(what + " covers " + other));
            }
            // It sits on its own edge, or right beside it.
            QVERIFY2(covers(curves[i], box.adjusted(-4, -4, 4, 4)), qPrintable(what));
        }
        QVERIFY(labels > 0);
    }

    void edgesGoAroundNodes_data() { labelsCoverNothing_data(); }

    void edgesGoAroundNodes()
    {
        QFETCH(QString, yaml);
        WorkflowDocument doc;
        QVERIFY(doc.loadText(yaml, {}));
        const SceneLayout scene(doc.definition(), doc.positions());
        for (const EdgesModel::Edge &e : EdgesModel::computeEdges(scene)) {
            const Sampled curve = sample(e.geometry);
            const QSet<QString> inside = containersOf(scene, e.from);
            for (const SceneNode &n : scene.nodes()) {
                if (n.name == e.from || n.name == e.to || inside.contains(n.name))
                    continue;
                QVERIFY2(!covers(curve, n.rect.adjusted(1, 1, -1, -1)),
                         qPrintable(e.from + " > " + e.to + " crosses " + n.name));
            }
        }
    }
};

QTEST_MAIN(TestEdgesModel)
#include "tst_edgesmodel.moc"
