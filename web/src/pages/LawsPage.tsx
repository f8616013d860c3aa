import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import { datePattern, importErrorLines, lawLevelLabels, options } from "../lib/powers";
import { useServerList } from "../lib/useServerList";

interface Law {
  id: string;
  title: string;
  level: string;
  issuingBody: string;
  documentNumber: string;
  promulgatedOn: string | null;
  effectiveOn: string | null;
  repealedOn: string | null;
  version: number;
}
interface Article {
  id: string;
  number: string;
  version: number;
  text: string;
  effectiveOn: string | null;
  note: string;
  createdAt: string;
}
type LawDetail = Law & { articles: (Article & { earlier: Article[] })[] };

export default function LawsPage() {
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [level, setLevel] = useState<string | undefined>();
  const list = useServerList<Law>("/laws", { level }, { sort: "title", order: "asc" });
  const [openId, setOpenId] = useState<string | null>(null);
  const [detail, setDetail] = useState<LawDetail | null>(null);
  const [articleOpen, setArticleOpen] = useState<{ number?: string; text?: string } | null>(null);
  const [lawOpen, setLawOpen] = useState<"new" | "edit" | null>(null);
  const [articleForm] = Form.useForm();
  const [lawForm] = Form.useForm();
  const manage = can("law.manage");

  const load = useCallback(
    async (id: string) => {
      try {
        setDetail(await api.get<LawDetail>(`/laws/${id}`));
      } catch (e) {
        showError(e);
      }
    },
    [showError],
  );
  useEffect(() => {
    if (openId) void load(openId);
    else setDetail(null);
  }, [openId, load]);

  const columns: TableColumnsType<Law> = [
    {
      title: "名称",
      dataIndex: "title",
      key: "title",
      sorter: true,
      sortOrder: list.sortOrder("title"),
      render: (t: string, l) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(l.id)}>
          {t}
        </Button>
      ),
    },
    {
      title: "效力层级",
      dataIndex: "level",
      key: "level",
      width: 130,
      sorter: true,
      sortOrder: list.sortOrder("level"),
      render: (v: string) => <Tag>{lawLevelLabels[v] ?? v}</Tag>,
    },
    { title: "制定机关", dataIndex: "issuingBody", key: "issuingBody", width: 220 },
    {
      title: "文号",
      dataIndex: "documentNumber",
      key: "documentNumber",
      width: 220,
      render: (v: string) => v || "—",
    },
    {
      title: "施行日期",
      dataIndex: "effectiveOn",
      key: "effectiveOn",
      width: 120,
      sorter: true,
      sortOrder: list.sortOrder("effectiveOn"),
      render: (v: string | null) => v ?? "—",
    },
    {
      title: "状态",
      key: "state",
      width: 90,
      render: (_, l) =>
        l.repealedOn ? <Tag color="default">已废止</Tag> : <Tag color="green">现行有效</Tag>,
    },
  ];

  const saveArticle = async () => {
    const v = await validValues(articleForm);
    if (!v) return;
    if (!detail) return;
    try {
      const r = await api.post<{ created: boolean; flagged: number; article: Article }>(
        `/laws/${detail.id}/articles`,
        {
          number: v.number,
          text: v.text,
          effectiveOn: v.effectiveOn || null,
          note: v.note || undefined,
        },
      );
      if (!r.created) message.info("条文内容未变化，未生成新版本");
      else if (r.flagged > 0)
        modal.warning({
          title: `已载入${r.article.number}第 ${r.article.version} 版`,
          content: `引用该条款的 ${r.flagged} 个权责事项或裁量基准已标记为“需复核”，请在权责清单的“待复核”中处理。`,
        });
      else message.success(`已保存${r.article.number}（第 ${r.article.version} 版）`);
      setArticleOpen(null);
      void load(detail.id);
    } catch (e) {
      showError(e);
    }
  };

  const saveLaw = async () => {
    const v = await validValues(lawForm);
    if (!v) return;
    try {
      const body = {
        title: v.title,
        level: v.level,
        issuingBody: v.issuingBody,
        documentNumber: v.documentNumber ?? "",
        promulgatedOn: v.promulgatedOn || null,
        effectiveOn: v.effectiveOn || null,
        repealedOn: v.repealedOn || null,
      };
      const law =
        lawOpen === "edit" && detail
          ? await api.patch<Law>(`/laws/${detail.id}`, { ...body, version: detail.version })
          : await api.post<Law>("/laws", body);
      message.success("已保存");
      setLawOpen(null);
      if (lawOpen === "edit") void load(law.id);
      lawForm.resetFields();
      list.reload();
      setOpenId(law.id);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      title="法律法规库"
      extra={
        <Space wrap>
          <Select
            allowClear
            placeholder="效力层级"
            style={{ width: 150 }}
            value={level}
            onChange={setLevel}
            options={options(lawLevelLabels)}
          />
          <Input.Search
            placeholder="搜索名称、制定机关、文号"
            allowClear
            onSearch={list.setQ}
            style={{ width: 260 }}
          />
          {manage && (
            <>
              <Upload
                accept=".json,application/json"
                showUploadList={false}
                beforeUpload={async (file) => {
                  try {
                    const data = JSON.parse(await file.text());
                    const r = await api.post<{
                      laws: number;
                      lawsCreated: number;
                      articlesCreated: number;
                      articleVersions: number;
                      unchanged: number;
                      flagged: number;
                    }>("/laws/import", data);
                    modal.success({
                      title: "导入完成",
                      content: `共 ${r.laws} 部（新增 ${r.lawsCreated} 部）；新增条款 ${r.articlesCreated} 条，新版本 ${r.articleVersions} 条，未变 ${r.unchanged} 条；标记需复核 ${r.flagged} 项。`,
                    });
                    list.reload();
                  } catch (e) {
                    modal.error({
                      title: "导入失败，未导入任何数据",
                      content: (
                        <ul style={{ paddingLeft: 18 }}>
                          {(e instanceof SyntaxError ? ["文件不是有效的 JSON"] : importErrorLines(e)).map(
                            (l) => (
                              <li key={l}>{l}</li>
                            ),
                          )}
                        </ul>
                      ),
                    });
                  }
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />}>导入 JSON</Button>
              </Upload>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  lawForm.resetFields();
                  setLawOpen("new");
                }}
              >
                新增法律法规
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Table<Law>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
        size="middle"
      />
      <Drawer
        open={openId !== null}
        onClose={() => setOpenId(null)}
        size="large"
        title={detail?.title ?? "法律法规"}
        extra={
          manage && detail ? (
            <Button
              onClick={() => {
                lawForm.setFieldsValue({
                  ...detail,
                  promulgatedOn: detail.promulgatedOn ?? "",
                  effectiveOn: detail.effectiveOn ?? "",
                  repealedOn: detail.repealedOn ?? "",
                });
                setLawOpen("edit");
              }}
            >
              修改信息
            </Button>
          ) : null
        }
      >
        {detail && (
          <>
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="效力层级">
                {lawLevelLabels[detail.level] ?? detail.level}
              </Descriptions.Item>
              <Descriptions.Item label="制定机关">{detail.issuingBody}</Descriptions.Item>
              <Descriptions.Item label="文号">{detail.documentNumber || "—"}</Descriptions.Item>
              <Descriptions.Item label="公布日期">{detail.promulgatedOn ?? "—"}</Descriptions.Item>
              <Descriptions.Item label="施行日期">{detail.effectiveOn ?? "—"}</Descriptions.Item>
              <Descriptions.Item label="废止日期">{detail.repealedOn ?? "—"}</Descriptions.Item>
            </Descriptions>
            <Space style={{ margin: "16px 0 8px" }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                条款（{detail.articles.length}）
              </Typography.Title>
              {manage && (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    articleForm.resetFields();
                    setArticleOpen({});
                  }}
                >
                  新增条款
                </Button>
              )}
            </Space>
            <List
              dataSource={detail.articles}
              renderItem={(a) => (
                <List.Item
                  actions={
                    manage
                      ? [
                          <Button
                            key="v"
                            type="link"
                            size="small"
                            onClick={() => {
                              articleForm.setFieldsValue({
                                number: a.number,
                                text: a.text,
                                effectiveOn: "",
                                note: "",
                              });
                              setArticleOpen({ number: a.number });
                            }}
                          >
                            新增版本
                          </Button>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space>
                        {a.number}
                        <Tag>第 {a.version} 版</Tag>
                        {a.effectiveOn && (
                          <Typography.Text type="secondary">{a.effectiveOn} 起施行</Typography.Text>
                        )}
                      </Space>
                    }
                    description={
                      <>
                        <Typography.Paragraph style={{ marginBottom: 4 }}>{a.text}</Typography.Paragraph>
                        {a.earlier.length > 0 && (
                          <Collapse
                            size="small"
                            items={[
                              {
                                key: "h",
                                label: `历史版本（${a.earlier.length}）`,
                                children: a.earlier.map((e) => (
                                  <Typography.Paragraph key={e.id} type="secondary">
                                    第 {e.version} 版：{e.text}
                                  </Typography.Paragraph>
                                )),
                              },
                            ]}
                          />
                        )}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </>
        )}
      </Drawer>
      <Modal
        open={articleOpen !== null}
        title={articleOpen?.number ? `${articleOpen.number}：新增版本` : "新增条款"}
        onOk={saveArticle}
        onCancel={() => setArticleOpen(null)}
        okText="保存"
        width={680}
      >
        <Typography.Paragraph type="secondary">
          载入条款新版本后，引用该条款的权责事项和裁量基准会被标记为“需复核”。
        </Typography.Paragraph>
        <Form name="lawArticle" form={articleForm} layout="vertical">
          <Form.Item
            name="number"
            label="条号"
            rules={[
              { required: true, message: "请填写条号" },
              {
                pattern: /^第[零〇一二三四五六七八九十百千两\d]+条(之[一二三四五六七八九十]+)?$/,
                message: "条号格式应为“第五十一条”",
              },
            ]}
          >
            <Input placeholder="第五十一条" disabled={Boolean(articleOpen?.number)} />
          </Form.Item>
          <Form.Item name="text" label="条文" rules={[{ required: true, message: "请填写条文" }]}>
            <Input.TextArea rows={6} maxLength={20000} />
          </Form.Item>
          <Form.Item name="effectiveOn" label="施行日期" rules={[datePattern]}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input maxLength={500} placeholder="如：2026 年修正" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={lawOpen !== null}
        title={lawOpen === "edit" ? "修改法律法规信息" : "新增法律法规"}
        onOk={saveLaw}
        onCancel={() => setLawOpen(null)}
        okText="保存"
        width={620}
      >
        <Form name="law" form={lawForm} layout="vertical">
          <Form.Item name="title" label="名称" rules={[{ required: true, min: 2, message: "请填写名称" }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="level" label="效力层级" rules={[{ required: true, message: "请选择效力层级" }]}>
            <Select options={options(lawLevelLabels)} />
          </Form.Item>
          <Form.Item
            name="issuingBody"
            label="制定机关"
            rules={[{ required: true, min: 2, message: "请填写制定机关" }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="documentNumber" label="文号">
            <Input maxLength={100} />
          </Form.Item>
          <Space>
            <Form.Item name="promulgatedOn" label="公布日期" rules={[datePattern]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="effectiveOn" label="施行日期" rules={[datePattern]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="repealedOn" label="废止日期" rules={[datePattern]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
