import {
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CameraOutlined,
  ClockCircleOutlined,
  DownOutlined,
  FileTextOutlined,
  GlobalOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Avatar, Button, Dropdown, Layout, Menu, type MenuProps, Space, Typography, theme } from "antd";
import { type ReactNode, Suspense, useState } from "react";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { useAgency } from "../lib/agency";
import { useAuth, useMe } from "../lib/auth";
import { AgencySelect } from "./AgencySelect";
import { CalendarCoverageAlert } from "./CalendarCoverageAlert";
import { FullPageSpin } from "./FullPageSpin";

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  perm?: string;
}

const navItems: NavItem[] = [
  { path: "/", label: "我的工作", icon: <HomeOutlined /> },
  { path: "/cases", label: "案件办理", icon: <FileTextOutlined />, perm: "case.read" },
  { path: "/case-deadlines", label: "办案期限", icon: <ClockCircleOutlined />, perm: "case.read" },
  { path: "/reviews", label: "法制审核", icon: <AuditOutlined />, perm: "review.read" },
  { path: "/meetings", label: "集体讨论", icon: <TeamOutlined />, perm: "review.read" },
  { path: "/filings", label: "重大决定备案", icon: <FileTextOutlined />, perm: "review.read" },
  {
    path: "/major-decision-criteria",
    label: "重大执法决定目录",
    icon: <OrderedListOutlined />,
    perm: "review.read",
  },
  { path: "/publication", label: "执法公示", icon: <GlobalOutlined />, perm: "case.read" },
  { path: "/ticket", label: "当场处罚", icon: <ThunderboltOutlined />, perm: "case.handle" },
  { path: "/complaints", label: "投诉举报", icon: <NotificationOutlined />, perm: "complaint.read" },
  { path: "/agencies", label: "机构管理", icon: <ApartmentOutlined />, perm: "agency.read" },
  { path: "/users", label: "人员管理", icon: <TeamOutlined />, perm: "user.read" },
  { path: "/settings", label: "参数设置", icon: <SettingOutlined />, perm: "settings.read" },
  { path: "/calendar", label: "工作日历", icon: <CalendarOutlined />, perm: "calendar.read" },
  { path: "/security-events", label: "安全日志", icon: <SafetyCertificateOutlined />, perm: "audit.read" },
  { path: "/ledger", label: "全过程记录", icon: <AuditOutlined />, perm: "ledger.read" },
  { path: "/evidence", label: "证据与记录仪", icon: <CameraOutlined />, perm: "evidence.read" },
  { path: "/officers", label: "执法人员", icon: <IdcardOutlined />, perm: "officer.read" },
  { path: "/training", label: "教育培训", icon: <ReadOutlined />, perm: "training.read" },
  { path: "/laws", label: "法律法规", icon: <BookOutlined />, perm: "law.read" },
  { path: "/powers", label: "权责清单", icon: <UnorderedListOutlined />, perm: "power.read" },
  {
    path: "/procedure-lists",
    label: "三步式执法与首违不罚清单",
    icon: <OrderedListOutlined />,
    perm: "power.read",
  },
  { path: "/benchmarks", label: "裁量基准", icon: <CalculatorOutlined />, perm: "power.read" },
];

export const AppLayout = () => {
  const me = useMe();
  const { can, logout } = useAuth();
  const agency = useAgency();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);

  const items: MenuProps["items"] = navItems
    .filter((n) => !n.perm || can(n.perm))
    .map((n) => ({ key: n.path, icon: n.icon, label: n.label }));
  const selected = navItems
    .filter((n) => (n.path === "/" ? location.pathname === "/" : location.pathname.startsWith(n.path)))
    .map((n) => n.path);

  const userMenu: MenuProps["items"] = [
    { key: "password", icon: <KeyOutlined />, label: "修改密码" },
    { type: "divider" },
    { key: "logout", icon: <LogoutOutlined />, label: "退出登录", danger: true },
  ];
  const onUserMenu: MenuProps["onClick"] = async ({ key }) => {
    if (key === "password") navigate("/password");
    // RequireAuth sends the user to /login once the session is gone.
    if (key === "logout") await logout().catch(() => undefined);
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="md"
        width={208}
        theme="dark"
      >
        <div
          style={{
            height: 56,
            display: "flex",
            alignItems: "center",
            justifyContent: "center",
            color: "#fff",
            fontSize: collapsed ? 18 : 20,
            fontWeight: 600,
            letterSpacing: 2,
          }}
        >
          {collapsed ? "规" : "规范"}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: "0 24px",
            display: "flex",
            alignItems: "center",
            gap: 16,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: "nowrap" }}>
            规范 · 综合行政执法平台
          </Typography.Title>
          <div style={{ flex: 1 }} />
          <Space>
            <Typography.Text type="secondary">当前机构</Typography.Text>
            <AgencySelect
              data-testid="agency-switcher"
              agencies={agency.options}
              value={agency.currentId ?? undefined}
              onChange={(id) => agency.setCurrentId(id)}
              style={{ width: 260 }}
              placeholder="无可选机构"
            />
          </Space>
          <Dropdown menu={{ items: userMenu, onClick: onUserMenu }} trigger={["click"]}>
            <Button type="text" data-testid="user-menu">
              <Space>
                <Avatar size="small" icon={<UserOutlined />} />
                {me.user.displayName}
                <DownOutlined />
              </Space>
            </Button>
          </Dropdown>
        </Layout.Header>
        <CalendarCoverageAlert />
        <Layout.Content style={{ margin: 24 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
};
