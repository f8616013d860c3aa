import { App, Col, Form, Input, Modal, Row, Select, TreeSelect } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useAgency } from "../lib/agency";
import { ApiError, api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import { agencyKindOptions, allowedParentKinds, fieldSuggestions } from "../lib/labels";
import type { Agency, AgencyKind, AgencyNode } from "../lib/types";
import { creditCodeRules, phoneRules } from "../lib/validation";

interface AgencyForm {
  name: string;
  shortName: string;
  kind: AgencyKind;
  parentId?: string | null;
  creditCode?: string;
  address?: string;
  sealName: string;
  phone?: string;
  areas: string[];
  fields: string[];
}

interface Props {
  open: boolean;
  /** The agency to edit; null to create one. */
  agency: Agency | null;
  defaultParentId?: string | null;
  onClose: () => void;
  /** Called after a save, or with null when the agency was changed by someone else meanwhile. */
  onSaved: (agency: Agency | null) => void;
}

interface TreeOption {
  value: string;
  title: string;
  disabled: boolean;
  children: TreeOption[];
}

const toForm = (a: Agency): AgencyForm => ({
  name: a.name,
  shortName: a.shortName,
  kind: a.kind,
  parentId: a.parentId,
  creditCode: a.creditCode ?? "",
  address: a.address,
  sealName: a.sealName,
  phone: a.phone,
  areas: a.areas,
  fields: a.fields,
});

const normalise = (v: AgencyForm) => ({
  name: v.name.trim(),
  shortName: v.shortName.trim(),
  kind: v.kind,
  parentId: v.parentId ?? null,
  creditCode: v.creditCode?.trim() ? v.creditCode.trim() : null,
  address: v.address?.trim() ?? "",
  sealName: v.sealName.trim(),
  phone: v.phone?.trim() ?? "",
  areas: v.areas ?? [],
  fields: v.fields ?? [],
});

export const AgencyFormModal = ({ open, agency, defaultParentId, onClose, onSaved }: Props) => {
  const [form] = Form.useForm<AgencyForm>();
  const { message } = App.useApp();
  const showError = useApiError();
  const { can } = useAuth();
  const { tree, all } = useAgency();
  const [saving, setSaving] = useState(false);
  const parentId = Form.useWatch("parentId", form);
  const parentKind = all.find((a) => a.id === parentId)?.kind ?? null;
  // Kinds allowed below the chosen parent (the server enforces the same rule).
  const kindOptions = agencyKindOptions.map((o) => ({
    ...o,
    disabled: !agency && !allowedParentKinds[o.value].includes(parentKind),
  }));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      agency
        ? toForm(agency)
        : { parentId: defaultParentId ?? undefined, areas: [], fields: [], kind: "squad" },
    );
  }, [open, agency, defaultParentId, form]);

  // Parent choices: agencies where the user may manage, never the agency itself or its subtree.
  const parentTree = useMemo(() => {
    const map = (nodes: AgencyNode[], banned: boolean): TreeOption[] =>
      nodes.map((n) => {
        const isSelf = agency?.id === n.id;
        return {
          value: n.id,
          title: n.name,
          disabled: banned || isSelf || !can("agency.manage", n.id),
          children: map(n.children ?? [], banned || isSelf),
        };
      });
    return map(tree, false);
  }, [tree, agency, can]);

  const onOk = async () => {
    const values = await validValues(form);
    if (!values) return;
    const body = normalise(values);
    setSaving(true);
    try {
      let saved: Agency;
      if (agency) {
        const { kind: _kind, parentId: _parent, ...editable } = body;
        const before = normalise(toForm(agency));
        const changed = Object.fromEntries(
          Object.entries(editable).filter(
            ([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before]),
          ),
        );
        if (Object.keys(changed).length === 0) {
          message.info("没有修改");
          onClose();
          return;
        }
        // Always send the phone: the server currently treats a missing phone as "" (schema default).
        saved = await api.patch<Agency>(`/agencies/${agency.id}`, {
          version: agency.version,
          ...changed,
          phone: editable.phone,
        });
        message.success("机构信息已保存");
      } else {
        const { creditCode, ...rest } = body;
        saved = await api.post<Agency>("/agencies", creditCode ? { ...rest, creditCode } : rest);
        message.success("机构已创建");
      }
      onSaved(saved);
    } catch (err) {
      showError(err);
      if (err instanceof ApiError && err.code === "CONFLICT") onSaved(null);
      if (err instanceof ApiError && err.details.length > 0) {
        form.setFields(
          err.details
            .filter((d) => d.path)
            .map((d) => ({ name: d.path as keyof AgencyForm, errors: [d.message] })),
        );
      }
    } finally {
      setSaving(false);
    }
  };

  const editing = Boolean(agency);

  return (
    <Modal
      open={open}
      title={agency ? `编辑机构：${agency.name}` : "新建机构"}
      width={720}
      okText="保存"
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Form<AgencyForm> name="agency" form={form} layout="vertical" style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item
              name="name"
              label="机构名称"
              rules={[
                { required: true, whitespace: true, message: "请输入机构名称" },
                { min: 2, max: 100, message: "2–100 字" },
              ]}
            >
              <Input placeholder="如：某某区综合行政执法局" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="shortName"
              label="简称"
              rules={[
                { required: true, whitespace: true, message: "请输入简称" },
                { max: 20, message: "不超过 20 字" },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="kind"
              label="机构类型"
              rules={[{ required: true, message: "请选择机构类型" }]}
              extra={editing ? "机构类型创建后不可修改" : undefined}
            >
              <Select options={kindOptions} disabled={editing} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="parentId"
              label="上级机构"
              rules={editing ? [] : [{ required: true, message: "请选择上级机构" }]}
              extra={editing ? "上级机构创建后不可修改" : undefined}
            >
              <TreeSelect
                treeData={parentTree}
                treeDefaultExpandAll
                disabled={editing}
                placeholder={editing ? "（无上级机构）" : "选择上级机构"}
                onChange={(id: string) => {
                  const k = all.find((a) => a.id === id)?.kind ?? null;
                  const kind = form.getFieldValue("kind") as AgencyKind | undefined;
                  if (kind && !allowedParentKinds[kind].includes(k)) form.setFieldValue("kind", undefined);
                }}
                showSearch={{ treeNodeFilterProp: "title" }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="creditCode"
              label="统一社会信用代码"
              rules={creditCodeRules}
              validateFirst
              normalize={(v: string) => v?.toUpperCase()}
            >
              <Input maxLength={18} showCount placeholder="选填，18 位" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label="联系电话" rules={phoneRules}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="sealName"
              label="印章名称"
              tooltip="文书落款处使用的印章名称"
              rules={[
                { required: true, whitespace: true, message: "请输入印章名称" },
                { min: 2, max: 100, message: "2–100 字" },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label="地址">
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="areas" label="管辖区域" tooltip="输入后按回车添加">
              <Select
                mode="tags"
                tokenSeparators={[",", "，", "、"]}
                placeholder="如：某某街道"
                open={false}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="fields" label="执法领域" tooltip="可选择或输入后按回车添加">
              <Select mode="tags" tokenSeparators={[",", "，", "、"]} options={fieldSuggestions} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
};
