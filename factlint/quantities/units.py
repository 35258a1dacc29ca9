"""Units and measure words, and the kind of quantity each one makes.

The table is data: the unit as written (the longest form wins), the unit
reported (``个小时`` is reported as ``小时``), and the kind.  美元 and 港元 stay
distinct from 元: a figure in one currency never agrees with another.
"""

from __future__ import annotations

# unit as written -> (unit reported, kind)
UNITS: dict[str, tuple[str, str]] = {}


def _add(kind: str, names: str, canonical: dict[str, str] | None = None) -> None:
    for name in names.split():
        UNITS[name] = ((canonical or {}).get(name, name), kind)


_add("money", "元 美元 港元 澳元 欧元 日元 英镑 韩元 卢布 澳门元 新台币 加元 法郎 马克 块钱 "
     "美分 卢比 铢 比索 里拉 新元 人民币 元人民币 港币 港纸 台币 新台币 元新台币 美金 日圆 圆 "
     "毛钱 角钱 分钱 $ 克朗 丹麦克朗 瑞典克朗 挪威克朗 瑞士法郎 奈拉",
     # The currency, not the word for it: 人民币/圆 are 元; 港币 is 港元; 台币 is 新台币.
     {"块钱": "元", "人民币": "元", "元人民币": "元", "圆": "元", "块": "元", "港币": "港元",
      "港纸": "港元", "台币": "新台币", "元新台币": "新台币", "美金": "美元", "日圆": "日元",
      "毛钱": "元", "角钱": "元", "分钱": "元"})  # scaled by money.SCALED_UNITS
_add("percent", "% ‰ 个百分点 百分点 成 折")
_add("measure", "公里 千米 米 厘米 毫米 平方米 平方公里 平方千米 立方米 公顷 亩 吨 公斤 千克 "
     "克 斤 升 毫升 千瓦 千瓦时 兆瓦 瓦 度 ℃ °C 摄氏度 海里 英里 英尺 立方 标箱 马力 分贝 "
     "码 床位 微克 毫克 微米 纳米 "
     "平米 平方 平方英尺 平方英里 坪 英寸 吋 呎 平方呎 公吨 像素 毫安时 两 公分 千卡 大卡 "
     "赫兹 千赫 兆赫 吉赫 伏 千伏 帕 千帕 兆帕 千焦 "
     "kg KG Kg km KM cm mm ml mL g mg kW KW MW kWh W mAh GB MB TB Gbps Mbps",
     # Latin symbols are reported as the unit's Chinese name where there is one, so that
     # 25kg and 25公斤 are the same measure.
     {"kg": "公斤", "KG": "公斤", "Kg": "公斤", "km": "公里", "KM": "公里", "cm": "厘米",
      "mm": "毫米", "ml": "毫升", "mL": "毫升", "平米": "平方米",
      "平方": "平方米", "g": "克", "mg": "毫克", "kW": "千瓦", "KW": "千瓦",
      "MW": "兆瓦", "kWh": "千瓦时", "W": "瓦", "吋": "英寸", "mAh": "毫安时",
      "公分": "厘米", "大卡": "千卡"})  # 168公分 (Taiwan) is 168 厘米; a 大卡 is a 千卡

_add("duration", "天 小时 个小时 个多小时 钟头 个钟头 分钟 秒钟 秒 周 个星期 星期 个月 个多月 年 "
     "昼夜 个工作日 工作日 夜 多天 分多钟",
     {"个小时": "小时", "个多小时": "小时", "钟头": "小时", "个钟头": "小时", "个星期": "星期",
      "个月": "月", "个多月": "月",
      "个工作日": "工作日", "秒钟": "秒", "多天": "天", "分多钟": "分钟"})
_add("age", "岁 周岁 旬", {"旬": "岁"})  # 七旬: seventy; the extractor scales it
_add("ordinal", "级 届 期 版 楼 名次 周年")  # 70周年: the seventieth anniversary
_add("identifier", "号 路 号线 号院 号楼")
_add("count", "名 人 个 户 家 支 件 只 张 场 所 座 条 项 次 批 台 辆 架 艘 套 份 间 栋 幢 层 "
     "组 队 位 例 起 种 类 处 篇 部 本 册 首 箱 袋 瓶 盒 包 双 副 块 片 株 棵 头 匹 口 道 "
     "轮 人次 户次 架次 车次 人份 倍 点 趟 桶 顶 枚 颗 粒 根 把 辆次 吨次 "
     "封 笔 遍 代 拨 面 扇 盏 卷 集 章 节 门 宗 "
     "单 台次 票 字 尾 幅 步 段 局 县 国 盘 胎 人口 页 宗案件 款 部门 注",
     {"人口": "人"})

# Words that look like "number + unit" but whose unit character starts another
# word; the extractor checks the text after the unit against these.
UNIT_BLOCKERS: dict[str, tuple[str, ...]] = {
    "元": ("元素", "元旦", "元宵", "元首", "元年", "元老", "元帅", "元月"),
    "天": ("天然", "天气", "天津", "天空", "天下", "天地", "天使", "天宝"),
    "年": ("年轻", "年纪", "年龄", "年级", "年货", "年代", "年度"),
    "道": ("道路", "道理", "道德"),
    "面": ("面对", "面临", "面前", "面向", "面貌"),
    "门": ("门口", "门诊", "门前"),
    "口": ("口罩", "口号", "口径"),
    "点": ("点赞", "点单", "点亮", "点燃"),
    "种": ("种植", "种子"),
    "头": ("头脑", "头等", "头奖", "头号", "头条"),
    "代": ("代表", "代办", "代买", "代购", "代替"),
    "期": ("期间", "期待", "期望", "期盼"),
    "家": ("家庭", "家园", "家属", "家里", "家中", "家门", "家人", "家长", "家乡"),
    "人": ("人民", "人员", "人心", "人群", "人口", "人才", "人类", "人间"),
    "名": ("名单", "名义", "名字"),
    "位": ("位数",),  # 月入6位數, 兩位數成長: digits, not people
    "度": ("度过",),
    "件": ("件事",),
    "局": ("局长", "局面", "局势", "局部", "局限"),
    "部": ("部分", "部署", "部长", "部队", "部位", "部落"),  # 400萬部分則駁回 (but 五部门)
    "县": ("县委", "县长", "县城", "县级", "县里", "县政府"),
    "国": ("国家", "国内", "国际", "国务", "国民", "国有", "国产", "国庆", "国营", "国旗", "国歌",
          "国画", "国道", "国门", "国土"),
    "盘": ("盘点", "盘子", "盘旋", "盘活"),
    "圆": ("圆满", "圆形", "圆桌", "圆梦", "圆周", "圆心", "圆润", "圆顶", "圆圈", "圆球", "圆盘"),
    # 2萬9652注中獎: bets of a lottery draw (but 3注意, 1注射)
    "注": ("注意", "注射", "注册", "注重", "注入", "注明", "注资", "注视", "注销", "注解", "注释",
          "注水", "注定", "注目", "注塑", "注音", "注脚", "注满", "注有", "注为"),
    "折": ("折合", "折算", "折腾", "折旧", "折射", "折叠", "折磨", "折服", "折返", "折扣", "折价"),
}

#: Units longest first, for the scanning pattern.
UNITS_LONGEST_FIRST: tuple[str, ...] = tuple(sorted(UNITS, key=lambda u: (-len(u), u)))
