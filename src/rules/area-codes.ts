/**
 * The time zone of North American (US and Canadian) area codes, for the quiet-hours warning.
 * Where an area code spans two zones, the zone most of its numbers are in. Area codes of the
 * other countries of the North American plan (Caribbean, Pacific territories) are left out:
 * their country gives their zone. Territories spread over several zones (867) are left out too.
 * Numbers keep their area code when people move, so this is a best guess, never a block on its own.
 */
const ZONES: Readonly<Record<string, string>> = {
  'America/New_York':
    '202 203 207 212 215 216 220 223 227 229 234 239 240 252 267 272 276 283 301 302 304 305 315 321 326 ' +
    '329 330 332 336 339 347 351 352 363 380 386 401 404 407 410 412 413 419 423 434 436 440 443 445 470 ' +
    '472 475 478 484 508 513 516 518 540 551 561 567 570 571 582 585 586 603 606 607 609 610 614 617 624 ' +
    '631 640 645 646 656 667 678 680 681 686 689 703 704 706 716 717 718 724 727 728 732 740 743 754 757 ' +
    '762 770 771 772 774 781 786 802 803 804 813 814 821 826 828 835 838 839 843 845 848 854 856 857 859 ' +
    '860 862 863 864 865 878 904 908 910 912 914 917 919 929 934 937 941 943 948 954 959 973 978 980 984 201 502',
  'America/Detroit': '231 248 269 313 517 616 679 734 810 906 947 989',
  'America/Indiana/Indianapolis': '260 317 463 574 765 812 930',
  'America/Chicago':
    '205 210 214 217 218 219 224 225 228 235 251 254 256 262 270 274 281 308 309 312 314 316 318 319 320 ' +
    '325 327 331 334 337 346 361 364 402 405 409 414 417 430 432 447 448 464 469 479 501 504 507 512 515 ' +
    '531 534 539 557 563 572 573 580 601 605 608 612 615 618 620 629 630 636 641 651 659 660 662 682 701 ' +
    '708 712 713 715 726 730 731 737 763 769 773 779 785 806 815 816 817 830 832 847 850 861 870 872 901 ' +
    '903 913 918 920 931 936 938 940 945 952 956 972 975 979 985',
  'America/Denver': '303 307 385 406 435 505 575 719 720 801 915 970 983',
  'America/Boise': '208 986',
  'America/Phoenix': '480 520 602 623 928',
  'America/Los_Angeles':
    '206 209 213 253 279 310 323 341 350 360 408 415 424 425 442 458 503 509 510 530 541 559 562 564 619 ' +
    '626 628 650 657 661 669 702 707 714 725 747 760 775 805 818 820 831 840 858 909 916 925 949 951 971',
  'America/Anchorage': '907',
  'Pacific/Honolulu': '808',
  'America/Puerto_Rico': '787 939',
  // Canada.
  'America/Toronto':
    '226 249 263 289 343 354 365 367 382 416 418 437 438 450 468 514 519 548 579 581 613 647 683 705 742 ' +
    '753 807 819 873 905 942',
  'America/Winnipeg': '204 431 584',
  'America/Regina': '306 474 639',
  'America/Edmonton': '368 403 587 780 825',
  'America/Vancouver': '236 250 257 604 672 778',
  'America/Halifax': '428 506 782 902',
  'America/St_Johns': '709',
};

let byCode: Map<string, string> | undefined;

/** The IANA time zone of a US or Canadian area code (three digits), or `null` when unknown. */
export function areaCodeTimeZone(areaCode: string): string | null {
  if (!byCode) {
    byCode = new Map();
    for (const [zone, codes] of Object.entries(ZONES)) {
      for (const code of codes.split(' ')) if (!byCode.has(code)) byCode.set(code, zone);
    }
  }
  return byCode.get(areaCode) ?? null;
}
