import {
  Card,
  Descriptions,
  Drawer,
  Grid,
  Input,
  List,
  Segmented,
  Space,
  Spin,
  Steps,
  Tag,
  Typography,
} from "antd";
import { type ReactNode, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api } from "../../lib/api";
import { useApiError } from "../../lib/feedback";
import {
  type GuideCategory,
  guideCategories,
  guideCategoryOptions,
  type ServiceGuide,
} from "./guidesResults";
import { usePublicList } from "./usePublicList";

/** One guide: scope, basis, materials, the steps as a vertical Steps, time limit, fee, place. */
export function ServiceGuideDetail({ guide }: { guide: ServiceGuide }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space wrap>
        <Tag color="blue">{guide.categoryName}</Tag>
        <Typography.Text type="secondary">{guide.agencyName}</Typography.Text>
      </Space>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="适用范围">{guide.scope}</Descriptions.Item>
        <Descriptions.Item label="设定依据">{guide.basis}</Descriptions.Item>
        <Descriptions.Item label="办理时限">{guide.timeLimit}</Descriptions.Item>
        <Descriptions.Item label="收费标准">{guide.fee}</Descriptions.Item>
        <Descriptions.Item label="办理地点">{guide.place}</Descriptions.Item>
        <Descriptions.Item label="咨询电话">{guide.phone}</Descriptions.Item>
        <Descriptions.Item label="办公时间">{guide.hours}</Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>申请材料</Typography.Title>
        {guide.materials.length ? (
          <ol style={{ paddingLeft: 20, margin: 0 }}>
            {guide.materials.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list in its published order
              <li key={i}>{m}</li>
            ))}
          </ol>
        ) : (
          <Typography.Text type="secondary">无需提交材料</Typography.Text>
        )}
      </div>
      <div>
        <Typography.Title level={5}>办理流程</Typography.Title>
        <Steps
          orientation="vertical"
          size="small"
          items={guide.steps.map((s, i) => ({
            title: `第 ${i + 1} 步`,
            content: s,
            status: "process" as const,
          }))}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        第 {guide.version} 版 · 更新于 {new Date(guide.recordedAt).toLocaleDateString("zh-CN")}
      </Typography.Text>
    </Space>
  );
}

/** A link opening a guide in the drawer (?id=… when opened in a new tab). */
function GuideLink({
  guide,
  onOpen,
  children,
}: {
  guide: ServiceGuide;
  onOpen: (g: ServiceGuide) => void;
  children: ReactNode;
}) {
  return (
    <a
      href={`?id=${guide.itemId}`}
      onClick={(e) => {
        e.preventDefault();
        onOpen(guide);
      }}
    >
      {children}
    </a>
  );
}

/** 服务指南 (C13, G1): searchable by keyword and category; a guide opens in a drawer. */
export default function ServiceGuidesPage() {
  const [params, setParams] = useSearchParams();
  const category = (params.get("category") ?? "") as GuideCategory | "";
  const openId = params.get("id");
  const list = usePublicList<ServiceGuide>("/public/service-guides", { category: category || undefined });
  const [open, setOpen] = useState<ServiceGuide>();
  const showError = useApiError();
  const screens = Grid.useBreakpoint();

  useEffect(() => {
    if (!openId) {
      setOpen(undefined);
      return;
    }
    if (open?.itemId === openId) return;
    api.get<ServiceGuide>(`/public/service-guides/${openId}`).then(setOpen, showError);
  }, [openId, open?.itemId, showError]);

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  const openGuide = (g: ServiceGuide) => {
    setOpen(g);
    setParam("id", g.itemId);
  };

  return (
    <Card title="服务指南">
      <Space orientation="vertical" style={{ width: "100%", marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="事项名称、适用范围或依据"
          onSearch={list.search}
          style={{ maxWidth: 320 }}
        />
        <div style={{ maxWidth: "100%", overflowX: "auto" }}>
          <Segmented
            value={category}
            onChange={(v) => {
              setParam("category", v || undefined);
              list.setPage(1);
            }}
            options={[{ value: "", label: "全部" }, ...guideCategoryOptions]}
          />
        </div>
      </Space>
      <List
        {...list.listProps}
        locale={{ emptyText: "暂无公布的服务指南" }}
        renderItem={(g) => (
          <List.Item
            key={g.itemId}
            actions={[
              <GuideLink key="open" guide={g} onOpen={openGuide}>
                查看指南
              </GuideLink>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <GuideLink guide={g} onOpen={openGuide}>
                    {g.title}
                  </GuideLink>
                  <Tag color="blue">{guideCategories[g.category] ?? g.categoryName}</Tag>
                </Space>
              }
              description={
                <>
                  <div>{g.agencyName}</div>
                  <div>
                    办理时限：{g.timeLimit} · 收费：{g.fee}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Drawer
        open={!!openId}
        title={open?.title ?? "服务指南"}
        size={screens.md ? 560 : "100%"}
        onClose={() => setParam("id", undefined)}
        destroyOnHidden
      >
        {open && open.itemId === openId ? <ServiceGuideDetail guide={open} /> : <Spin />}
      </Drawer>
    </Card>
  );
}
