/**
 * G6: published records protect personal information. Individuals' names become 张某某 (张某 for a
 * two-character name), ID numbers, mobile and landline numbers and home addresses are masked
 * wherever they appear in the text. Organisations and their unified social credit codes stay.
 */
export type Person = { name: string; idNumber?: string; phone?: string; address?: string };

/** 张三 → 张某, 张三丰 → 张某某; compound surnames (欧阳, 司马 …) keep both characters. */
export function maskName(name: string): string {
  const n = name.trim();
  if (!n) return n;
  const compound =
    /^(欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|轩辕|令狐|端木|独孤|南宫|西门|闻人)/.exec(
      n,
    );
  const surname = compound ? compound[1]! : [...n][0]!;
  const rest = [...n].length - [...surname].length;
  return surname + (rest <= 1 ? "某" : "某某");
}

const idNumber = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const oldIdNumber = /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
const mobile = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;
const landline = /(?<!\d)(0\d{2,3})-?(\d{7,8})(?!\d)/g;

/** Masks every known person's name and address, and every ID or phone number, in a text. */
export function maskText(text: string, people: readonly Person[]): string {
  let out = text;
  // Longest first, so 张三丰 is masked before 张三.
  const known = people
    .flatMap((p) => [
      ...(p.address && p.address.trim().length >= 4 ? [[p.address.trim(), "（住址已隐去）"] as const] : []),
      ...(p.name.trim().length >= 2 ? [[p.name.trim(), maskName(p.name)] as const] : []),
      ...(p.idNumber && p.idNumber.trim().length >= 6
        ? [[p.idNumber.trim(), "（证件号码已隐去）"] as const]
        : []),
      ...(p.phone && p.phone.trim().length >= 5 ? [[p.phone.trim(), "（电话已隐去）"] as const] : []),
    ])
    .sort((a, b) => b[0].length - a[0].length);
  for (const [plain, masked] of known) out = out.split(plain).join(masked);
  return out
    .replace(idNumber, (_m, a: string) => `${a.slice(0, 2)}****************`)
    .replace(oldIdNumber, "***************")
    .replace(mobile, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(landline, (_m, a: string) => `${a}-********`);
}
