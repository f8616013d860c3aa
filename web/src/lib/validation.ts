import type { FormRule as Rule } from "antd";

/** Mirrors the server's rule (PASSWORD_TOO_WEAK): at least 8 characters with letters and digits. */
export const passwordRules: Rule[] = [
  { required: true, message: "请输入密码" },
  { min: 8, message: "至少 8 位" },
  { pattern: /^(?=.*[A-Za-z])(?=.*\d)/, message: "须同时包含字母和数字" },
];

/** Unified social credit code (统一社会信用代码): 18 characters, digits and upper-case letters without I, O, S, V, Z. */
export const creditCodeRules: Rule[] = [
  { len: 18, message: "统一社会信用代码应为 18 位" },
  {
    pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/,
    message: "统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）",
  },
];

export const phoneRules: Rule[] = [{ pattern: /^[0-9+\-() ]{0,20}$/, message: "电话号码格式不正确" }];
