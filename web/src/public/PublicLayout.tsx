import { Layout, Space, Typography } from "antd";
import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router-dom";
import { FullPageSpin } from "../components/FullPageSpin";

/**
 * The public site (no login; issue 8, extended by the public information site later): a narrow,
 * phone-friendly column with a simple header. Pages under /public/… render inside it.
 */
export const PublicLayout = () => {
  const location = useLocation();
  const links = [
    { to: "/public", label: "首页" },
    { to: "/public/agencies", label: "执法主体与人员" },
    { to: "/public/powers", label: "权责清单" },
    { to: "/public/inspection-items", label: "随机抽查事项" },
    { to: "/public/service-guides", label: "服务指南" },
    { to: "/public/procedures", label: "执法流程" },
    { to: "/public/benchmarks", label: "裁量基准" },
    { to: "/public/decisions", label: "行政执法决定" },
    { to: "/public/inspection-results", label: "抽查结果" },
    { to: "/public/statistics", label: "年度统计" },
    { to: "/public/remedies", label: "救济与投诉渠道" },
    { to: "/public/complaint", label: "我要投诉举报" },
    { to: "/public/complaint/status", label: "办理进度查询" },
  ];
  return (
    <Layout style={{ minHeight: "100vh", background: "#f5f7fb" }}>
      <Layout.Header style={{ background: "#1d4ed8", padding: "0 16px", height: "auto", lineHeight: "48px" }}>
        <Typography.Text style={{ color: "#fff", fontSize: 18, fontWeight: 600 }}>
          综合行政执法 · 公众服务
        </Typography.Text>
      </Layout.Header>
      <nav style={{ background: "#fff", borderBottom: "1px solid #e5e7eb", padding: "0 16px" }}>
        <Space size="middle" wrap style={{ minHeight: 44, padding: "8px 0" }}>
          {links.map((l) => (
            <Link
              key={l.to}
              to={l.to}
              style={{
                fontWeight: location.pathname === l.to ? 600 : 400,
                color: location.pathname === l.to ? "#1d4ed8" : "#333",
              }}
            >
              {l.label}
            </Link>
          ))}
        </Space>
      </nav>
      <Layout.Content style={{ padding: 16 }}>
        <div style={{ maxWidth: 720, margin: "0 auto" }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: "center", color: "#666" }}>
        举报人信息依法保密 · 实名投诉举报将收到处理结果答复
      </Layout.Footer>
    </Layout>
  );
};
