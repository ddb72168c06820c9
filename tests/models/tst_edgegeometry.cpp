// Edge geometry: clipping to node outlines, routes, arrowheads, labels and hit-testing.
#include "edgegeometry.h"

#include <QtTest>

using namespace Signalbox;

class TestEdgeGeometry : public QObject
{
    Q_OBJECT

private slots:
    void boundaryPoint_data()
    {
        QTest::addColumn<int>("shape");
        QTest::addColumn<QPointF>("towards");
        QTest::addColumn<QPointF>("expected");
        // Rect (0,0)-(200,60), centre (100,30).
        QTest::newRow("box below") << int(NodeShape::Box) << QPointF(100, 500) << QPointF(100, 60);
        QTest::newRow("box right") << int(NodeShape::Box) << QPointF(900, 30) << QPointF(200, 30);
        QTest::newRow("box corner") << int(NodeShape::Box) << QPointF(200, 90) << QPointF(150, 60);
        QTest::newRow("diamond below")
            << int(NodeShape::Diamond) << QPointF(100, 500) << QPointF(100, 60);
        QTest::newRow("diamond diagonal")
            << int(NodeShape::Diamond) << QPointF(200, 90) << QPointF(100 + 100.0 / 3, 50);
    }

    void boundaryPoint()
    {
        QFETCH(int, shape);
        QFETCH(QPointF, towards);
        QFETCH(QPointF, expected);
        const QPointF p
            = Signalbox::boundaryPoint(QRectF(0, 0, 200, 60), NodeShape(shape), towards);
        QVERIFY2(QLineF(p, expected).length() < 0.01,
                 qPrintable(QStringLiteral("%1,%2").arg(p.x()).arg(p.y())));
    }

    void downwardEdge()
    {
        EdgeRequest r;
        r.from = QRectF(0, 0, 200, 60);
        r.to = QRectF(0, 160, 200, 60);
        const EdgeGeometry g = computeEdgeGeometry(r);
        QCOMPARE(g.route, EdgeGeometry::Route::Down);
        QCOMPARE(g.start(), QPointF(100, 60));
        QCOMPARE(g.tip, QPointF(100, 160));
        // The curve stops at the arrow's base, one arrow length before the tip.
        QCOMPARE(g.end(), QPointF(100, 150));
        QCOMPARE(g.arrow.size(), 3);
        QCOMPARE(g.arrow[0], g.tip);
        QVERIFY(g.labelPos.y() > 60 && g.labelPos.y() < 160);
        QCOMPARE(g.svgPath(), QStringLiteral("M 100.0 60.0 C 100.0 110.0 100.0 110.0 100.0 150.0"));
    }

    void catchEdgesOfContainersLeaveFromTheBottom()
    {
        // A catch edge leaves a node from its right side, but a container frame from its bottom
        // (from the right it would cross the frame's own lanes on the way down).
        EdgeRequest r;
        r.from = QRectF(0, 0, 600, 400);
        r.to = QRectF(300, 500, 200, 60);
        r.errorEdge = true;
        QCOMPARE(computeEdgeGeometry(r).start(), QPointF(600, 200));
        r.fromContainer = true;
        const EdgeGeometry g = computeEdgeGeometry(r);
        QCOMPARE(g.start(), QPointF(300, 400));
        QVERIFY(!QRectF(0, 0, 600, 399).intersects(g.path().boundingRect()));
        // A node's catch edge to a state on its left leaves from the bottom too.
        r.fromContainer = false;
        r.to = QRectF(-300, 500, 200, 60);
        QCOMPARE(computeEdgeGeometry(r).start(), QPointF(300, 400));
    }

    void detoursAroundNodes()
    {
        // a -> c would cross b: the curve goes down a free channel beside b, or around it on the
        // grid; either way it stays clear of b and keeps its ends.
        EdgeRequest r;
        r.from = QRectF(0, 0, 208, 60);
        r.to = QRectF(0, 400, 208, 60);
        const QRectF b(-20, 180, 248, 60);
        r.obstacles = {b};
        const EdgeGeometry g = computeEdgeGeometry(r);
        QVERIFY(g.segmentCount() > 1);
        QVERIFY(!polylineIntersects(g.polyline(), b));
        QCOMPARE(g.start(), QPointF(104, 60));
        QCOMPARE(g.tip, QPointF(104, 400));
        // Walled in on both sides within a narrow lane: the grid finds no way either, and the
        // edge stays the direct curve rather than leaving its lane.
        r.area = QRectF(-10, -40, 228, 540);
        r.obstacles = {QRectF(-40, 180, 300, 60)};
        QCOMPARE(computeEdgeGeometry(r).segmentCount(), 1);
        // A node beside the channel pushes it further out.
        r.area = QRectF();
        r.obstacles = {b, QRectF(-240, 120, 200, 200), QRectF(250, 150, 200, 200)};
        const EdgeGeometry around = computeEdgeGeometry(r);
        for (const QRectF &o : std::as_const(r.obstacles))
            QVERIFY(!polylineIntersects(around.polyline(), o));
    }

    void arrowsLandLeftOfBadges()
    {
        EdgeRequest r;
        r.from = QRectF(0, 0, 208, 60);
        r.to = QRectF(0, 200, 208, 60);
        r.toBadges = QRectF(80, 191, 118, 18); // on the top edge, right-aligned
        const EdgeGeometry g = computeEdgeGeometry(r);
        QCOMPARE(g.tip.y(), 200.0);
        QVERIFY(g.tip.x() + 5 < r.toBadges.left());
        QVERIFY(g.tip.x() > r.to.left());
    }

    void lanesSpreadAlongTheBottom()
    {
        EdgeRequest r;
        r.from = QRectF(0, 0, 200, 60);
        r.to = QRectF(-300, 200, 200, 60);
        r.laneCount = 3;
        r.lane = 0;
        const qreal left = computeEdgeGeometry(r).start().x();
        r.lane = 2;
        const qreal right = computeEdgeGeometry(r).start().x();
        QVERIFY(left < 100);
        QVERIFY(right > 100);
        QCOMPARE(left + right, 200.0);
    }

    void diamondLeavesFromTheSideTowardsTheTarget()
    {
        EdgeRequest r;
        r.from = QRectF(0, 0, 176, 88);
        r.fromShape = NodeShape::Diamond;
        r.to = QRectF(400, 200, 200, 60);
        const EdgeGeometry g = computeEdgeGeometry(r);
        QCOMPARE(g.start(), QPointF(176, 44));
        QCOMPARE(g.tip, QPointF(500, 200));
    }

    void sideAndBackEdges()
    {
        EdgeRequest r;
        r.from = QRectF(0, 0, 200, 60);
        r.to = QRectF(400, 0, 200, 60);
        EdgeGeometry g = computeEdgeGeometry(r);
        QCOMPARE(g.route, EdgeGeometry::Route::Side);
        QCOMPARE(g.start(), QPointF(200, 30));
        QCOMPARE(g.tip, QPointF(400, 30));

        r.to = QRectF(0, -300, 200, 60); // above: a loop around the right side
        g = computeEdgeGeometry(r);
        QCOMPARE(g.route, EdgeGeometry::Route::LoopAround);
        QVERIFY(g.curve[1].x() > 200);
        QCOMPARE(g.tip, QPointF(200, -270));

        r.to = r.from;
        QCOMPARE(computeEdgeGeometry(r).route, EdgeGeometry::Route::Self);
    }

    void hitTest()
    {
        EdgeRequest r;
        r.from = QRectF(0, 0, 200, 60);
        r.to = QRectF(0, 260, 200, 60);
        const EdgeGeometry g = computeEdgeGeometry(r);
        QVERIFY(edgeContains(g, QPointF(100, 160)));
        QVERIFY(edgeContains(g, QPointF(104, 160)));
        QVERIFY(!edgeContains(g, QPointF(120, 160)));
        QVERIFY(edgeContains(g, g.tip - QPointF(0, 3))); // on the arrowhead
        QVERIFY(g.boundingRect().contains(g.labelPos));
    }
};

QTEST_MAIN(TestEdgeGeometry)
#include "tst_edgegeometry.moc"
